// Benchmark (prints its figures; not a test): working-point + loss evaluations per second on
// one core, and a sweep of the whole catalogue over 1,000 temperatures.
#include <chrono>
#include <cstdio>

#include <magsel/catalogue.hpp>
#include <magsel/study.hpp>

int main() {
    using namespace magsel;
    using clock = std::chrono::steady_clock;
    const auto catalogue = Catalogue::builtin();

    // 1. working point + loss on one curve, the opposing field varying so nothing is hoisted
    const auto curve = curve_at(catalogue.find("N48SH"), units::celsius(150.0));
    constexpr int n = 2'000'000;
    double checksum = 0.0;
    const auto t0 = clock::now();
    for (int i = 0; i < n; ++i) {
        const LoadLine load{2.0, (200e3 + 0.1 * (i % 4000)) * units::ampere_per_metre};
        checksum += working_point(curve, load).irreversible_loss;
    }
    const double seconds = std::chrono::duration<double>(clock::now() - t0).count();
    std::printf("bench working point + loss: %.2f million evaluations/s on one core (%d in %.3f s; checksum %.6g); "
                "target 10 million/s\n",
                n / seconds / 1e6, n, seconds, checksum);

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
