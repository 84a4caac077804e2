// Benchmark (prints its figures; not a test): working-point + loss evaluations per second on
// one core — the batch API (magsel/batch.hpp, the instruction set it dispatched to printed) and
// the scalar working_point() — and a sweep of the whole catalogue over 1,000 temperatures.
// `bench_demag --reference FILE` also writes the curve, the loads and a sample of the results as
// JSON for the NumPy reference implementation (tests/bench/reference_numpy.py), which prints the
// side-by-side table.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <magsel/batch.hpp>
#include <magsel/catalogue.hpp>
#include <magsel/study.hpp>

namespace {
std::string fmt_number(double v) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.17g", v);
    return buffer;
}
std::string fmt_double(const char* key, double v) { return std::string("\"") + key + "\": " + fmt_number(v); }
}  // namespace

int main(int argc, char** argv) {
    using namespace magsel;
    using clock = std::chrono::steady_clock;
    const std::string reference = argc == 3 && std::string(argv[1]) == "--reference" ? argv[2] : "";
    if (argc != 1 && reference.empty()) {
        std::fprintf(stderr, "usage: bench_demag [--reference FILE.json]\n");
        return 2;
    }
    const auto catalogue = Catalogue::builtin();

    // 1. working point + loss on one curve, the opposing field varying so nothing is hoisted.
    // Best of five runs: the figure is the machine's speed, not the noise of other processes.
    const auto curve = curve_at(catalogue.find("N48SH"), units::celsius(150.0));
    constexpr int n = 2'000'000;
    constexpr int runs = 5;
    std::printf("bench batch kernel: %s (the widest instruction set this CPU runs; MAGSEL_BATCH_ISA narrows it)\n",
                std::string(to_string(batch_isa())).c_str());
    // near the knee (loss 0.7 %): the solver needs its iterations here
    auto knee_load = [](int i) { return LoadLine{2.0, (200e3 + 0.1 * (i % 4000)) * units::ampere_per_metre}; };
    // a spread of circuits: Pc 0.5-5 and Ha 0-800 kA/m (recoil line, knee and beyond)
    auto spread_load = [](int i) {
        return LoadLine{0.5 + 0.0045 * (i % 1000), 0.4 * (i % 2000001) * units::ampere_per_metre};
    };
    auto scalar_rate = [&](const char* label, auto load_of) -> double {
        double best = 0.0, checksum = 0.0;
        for (int run = 0; run < runs; ++run) {
            checksum = 0.0;
            const auto t0 = clock::now();
            for (int i = 0; i < n; ++i) checksum += working_point(curve, load_of(i)).irreversible_loss;
            best = std::max(best, n / std::chrono::duration<double>(clock::now() - t0).count());
        }
        std::printf("bench working point + loss, scalar working_point(), %s: %.2f million evaluations/s on one core "
                    "(best of %d runs of %d; checksum %.6g)\n",
                    label, best / 1e6, runs, n, checksum);
        return best;
    };
    // The batch API: every output (h, B, J, knee margin, loss, status) for all n loads per call.
    std::vector<double> pc(n), ha(n), h(n), b(n), j(n), km(n), loss_knee(n), loss_spread(n), h_knee(n), h_spread(n);
    std::vector<PointStatus> status(n);
    auto batch_rate = [&](const char* label, auto load_of, std::vector<double>& h_out, std::vector<double>& loss_out) {
        for (int i = 0; i < n; ++i) {
            const auto load = load_of(i);
            pc[static_cast<std::size_t>(i)] = load.permeance_coefficient;
            ha[static_cast<std::size_t>(i)] = load.opposing_field.value();
        }
        double best = 0.0, checksum = 0.0;
        for (int run = 0; run < runs; ++run) {
            const auto t0 = clock::now();
            working_points(curve, pc, ha, {h_out, b, j, km, loss_out, status});
            best = std::max(best, n / std::chrono::duration<double>(clock::now() - t0).count());
        }
        for (double v : loss_out) checksum += v;
        std::printf("bench working point + loss, batch working_points() [%s], %s: %.2f million evaluations/s on one "
                    "core (best of %d runs of %d; checksum %.6g); target 20 million/s\n",
                    std::string(to_string(batch_isa())).c_str(), label, best / 1e6, runs, n, checksum);
        return best;
    };
    const char* knee_label = "N48SH 150 degC, Pc 2, Ha 200-200.4 kA/m (at the knee)";
    const char* spread_label = "N48SH 150 degC, Pc 0.5-5, Ha 0-800 kA/m";
    const double knee_rate = batch_rate(knee_label, knee_load, h_knee, loss_knee);
    const double spread_rate = batch_rate(spread_label, spread_load, h_spread, loss_spread);
    const double knee_scalar = scalar_rate(knee_label, knee_load);
    const double spread_scalar = scalar_rate(spread_label, spread_load);

    if (!reference.empty()) {
        // The curve's inputs, both load sets (as formulas: the reference rebuilds them) and
        // every 1000th result of the batch API, for the NumPy implementation to time itself and
        // compare.
        std::ofstream out(reference);
        const auto& g = catalogue.find("N48SH");
        out << "{\"grade\": \"N48SH\", \"temperature_degC\": 150,\n"
            << fmt_double("remanence_T", curve.remanence().value()) << ",\n"
            << fmt_double("intrinsic_coercivity_A_m", curve.intrinsic_coercivity().value()) << ",\n"
            << fmt_double("recoil_permeability", curve.recoil_permeability()) << ",\n"
            << fmt_double("squareness", g.squareness.value) << ",\n"
            << "\"evaluations\": " << n << ",\n"
            << "\"batch_isa\": \"" << to_string(batch_isa()) << "\",\n"
            << fmt_double("cpp_rate_knee", knee_rate) << ",\n"
            << fmt_double("cpp_rate_spread", spread_rate) << ",\n"
            << fmt_double("cpp_scalar_rate_knee", knee_scalar) << ",\n"
            << fmt_double("cpp_scalar_rate_spread", spread_scalar) << ",\n\"samples\": [\n";
        for (int i = 0; i < n; i += 1000) {
            for (int set = 0; set < 2; ++set) {
                const auto k = static_cast<std::size_t>(i);
                out << (i == 0 && set == 0 ? "" : ",\n") << "[" << set << ", " << i << ", "
                    << fmt_number(set == 0 ? h_knee[k] : h_spread[k]) << ", "
                    << fmt_number(set == 0 ? loss_knee[k] : loss_spread[k]) << "]";
            }
        }
        out << "\n]}\n";
        if (!out) {
            std::fprintf(stderr, "bench_demag: cannot write %s\n", reference.c_str());
            return 2;
        }
    }

    // 2. the whole catalogue over 1,000 temperatures (a curve per grade and temperature)
    std::vector<const Grade*> grades;
    for (const auto& g : catalogue.grades()) grades.push_back(&g);
    SweepSpec spec;
    spec.values = SweepRange<units::Temperature>{units::celsius(-40.0), units::celsius(200.0)};
    spec.steps = 1000;
    spec.load = LoadLine{2.0, 300e3 * units::ampere_per_metre};
    const auto t1 = clock::now();
    const auto rows = sweep(grades, spec);
    const double sweep_seconds = std::chrono::duration<double>(clock::now() - t1).count();
    std::printf("bench sweep: %zu grades x 1000 temperatures = %zu rows in %.3f s; target 0.5 s\n", grades.size(),
                rows.size(), sweep_seconds);
    return 0;
}
