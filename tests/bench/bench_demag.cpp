// Benchmark (prints its figures; not a test): working-point + loss evaluations per second on
// one core, and a sweep of the whole catalogue over 1,000 temperatures.
// `bench_demag --reference FILE` also writes the curve, the loads and a sample of the results as
// JSON for the NumPy reference implementation (tests/bench/reference_numpy.py).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

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
    auto rate = [&](const char* label, auto load_of) -> double {
        double best = 0.0, checksum = 0.0;
        for (int run = 0; run < 5; ++run) {
            checksum = 0.0;
            const auto t0 = clock::now();
            for (int i = 0; i < n; ++i) checksum += working_point(curve, load_of(i)).irreversible_loss;
            best = std::max(best, n / std::chrono::duration<double>(clock::now() - t0).count());
        }
        std::printf("bench working point + loss, %s: %.2f million evaluations/s on one core (best of 5 runs of %d; "
                    "checksum %.6g); target 10 million/s\n",
                    label, best / 1e6, n, checksum);
        return best;
    };
    // near the knee (loss 0.7 %): the solver needs its iterations here
    auto knee_load = [](int i) { return LoadLine{2.0, (200e3 + 0.1 * (i % 4000)) * units::ampere_per_metre}; };
    const double knee_rate = rate("N48SH 150 degC, Pc 2, Ha 200-200.4 kA/m (at the knee)", knee_load);
    // a spread of circuits: Pc 0.5-5 and Ha 0-800 kA/m (recoil line, knee and beyond)
    auto spread_load = [](int i) {
        return LoadLine{0.5 + 0.0045 * (i % 1000), 0.4 * (i % 2000001) * units::ampere_per_metre};
    };
    const double spread_rate = rate("N48SH 150 degC, Pc 0.5-5, Ha 0-800 kA/m", spread_load);

    if (!reference.empty()) {
        // The curve's inputs, both load sets (as formulas: the reference rebuilds them) and
        // every 1000th result, for the NumPy implementation to time itself and compare.
        std::ofstream out(reference);
        const auto& g = catalogue.find("N48SH");
        out << "{\"grade\": \"N48SH\", \"temperature_degC\": 150,\n"
            << fmt_double("remanence_T", curve.remanence().value()) << ",\n"
            << fmt_double("intrinsic_coercivity_A_m", curve.intrinsic_coercivity().value()) << ",\n"
            << fmt_double("recoil_permeability", curve.recoil_permeability()) << ",\n"
            << fmt_double("squareness", g.squareness.value) << ",\n"
            << "\"evaluations\": " << n << ",\n"
            << fmt_double("cpp_rate_knee", knee_rate) << ",\n"
            << fmt_double("cpp_rate_spread", spread_rate) << ",\n\"samples\": [\n";
        for (int i = 0; i < n; i += 1000) {
            for (int set = 0; set < 2; ++set) {
                const LoadLine load = set == 0 ? knee_load(i) : spread_load(i);
                const auto w = working_point(curve, load);
                out << (i == 0 && set == 0 ? "" : ",\n") << "[" << set << ", " << i << ", "
                    << fmt_number(w.working_field.value()) << ", " << fmt_number(w.irreversible_loss) << "]";
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
