// Benchmark (prints its figures; not a test): Monte Carlo tolerance analysis of one grade
// against one requirement — 1,000,000 samples on 2 threads (the target's figure), and on one.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

#include <magsel/catalogue.hpp>
#include <magsel/montecarlo.hpp>

int main(int argc, char** argv) {
    using namespace magsel;
    using clock = std::chrono::steady_clock;
    if (argc != 2) {
        std::fprintf(stderr, "usage: bench_montecarlo DESIGN.yaml\n");
        return 2;
    }
    const auto catalogue = Catalogue::builtin();
    const auto requirement = read_requirement_file(argv[1]);
    const auto& grade = catalogue.find(*requirement.grade);
    MonteCarloSpec spec;
    spec.samples = 1'000'000;
    spec.seed = 1;
    spec.temperature_shift = 10.0 * units::kelvin;
    spec.temperature_sd = 5.0 * units::kelvin;
    spec.field_relative_sd = 0.1;
    for (unsigned threads : {2u, 1u}) {
        spec.threads = threads;
        double best = 1e9;
        MonteCarloResult r;
        for (int run = 0; run < 5; ++run) {  // best of five: the machine's speed, not its noise
            const auto t0 = clock::now();
            r = run_montecarlo(grade, requirement, spec);
            best = std::min(best, std::chrono::duration<double>(clock::now() - t0).count());
        }
        std::printf("bench montecarlo: %zu samples of %s (%zu temperatures each) on %u thread(s) in %.3f s "
                    "(best of 5); P(loss > %.3g %%) = %.5f [%.5f, %.5f]; target 0.1 s on 2 threads\n",
                    r.samples, grade.name.c_str(), r.critical_temperatures.size(), threads, best, r.loss_limit * 100.0,
                    r.probability, r.ci_low, r.ci_high);
    }
    return 0;
}
