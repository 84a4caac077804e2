// Benchmark (prints its figures; not a test): working-point + loss evaluations per second on
// one core, and a sweep of the whole catalogue over 1,000 temperatures.
#include <algorithm>
#include <chrono>
#include <cstdio>

#include <magsel/catalogue.hpp>
#include <magsel/study.hpp>

int main() {
    using namespace magsel;
    using clock = std::chrono::steady_clock;
    const auto catalogue = Catalogue::builtin();

    // 1. working point + loss on one curve, the opposing field varying so nothing is hoisted.
    // Best of five runs: the figure is the machine's speed, not the noise of other processes.
    const auto curve = curve_at(catalogue.find("N48SH"), units::celsius(150.0));
    constexpr int n = 2'000'000;
    auto rate = [&](const char* label, auto load_of) {
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
    };
    // near the knee (loss 0.7 %): the solver needs its iterations here
    rate("N48SH 150 degC, Pc 2, Ha 200-200.4 kA/m (at the knee)",
         [](int i) { return LoadLine{2.0, (200e3 + 0.1 * (i % 4000)) * units::ampere_per_metre}; });
    // a spread of circuits: Pc 0.5-5 and Ha 0-800 kA/m (recoil line, knee and beyond)
    rate("N48SH 150 degC, Pc 0.5-5, Ha 0-800 kA/m",
         [](int i) { return LoadLine{0.5 + 0.0045 * (i % 1000), 0.4 * (i % 2000001) * units::ampere_per_metre}; });

    // 2. the whole catalogue over 1,000 temperatures (a curve per grade and temperature)
    std::vector<const Grade*> grades;
    for (const auto& g : catalogue.grades()) grades.push_back(&g);
    SweepSpec spec;
    spec.variable = SweepVariable::temperature;
    spec.from = units::celsius(-40.0).value();
    spec.to = units::celsius(200.0).value();
    spec.steps = 1000;
    spec.load = LoadLine{2.0, 300e3 * units::ampere_per_metre};
    const auto t1 = clock::now();
    const auto rows = sweep(grades, spec);
    const double sweep_seconds = std::chrono::duration<double>(clock::now() - t1).count();
    std::printf("bench sweep: %zu grades x 1000 temperatures = %zu rows in %.3f s; target 0.5 s\n", grades.size(),
                rows.size(), sweep_seconds);
    return 0;
}
