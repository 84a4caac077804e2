// Monte Carlo tolerance analysis: the confidence interval against hand-computed values, the
// same answer whatever the thread count, and the sampled probability against probabilities
// derived analytically for cases where only one input varies.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <string>

#include "magsel/catalogue.hpp"
#include "magsel/demag.hpp"
#include "magsel/error.hpp"
#include "magsel/montecarlo.hpp"
#include "magsel/select.hpp"

#include <algorithm>

using namespace magsel;

namespace {

// Two test grades: one with no tolerance band at all (typical values absent), one with a band
// on Hcj only.
Catalogue test_grades() {
    auto c = Catalogue::empty();
    c.add_text(R"(family: sintered-ndfeb
series: Monte Carlo test grades
source: {title: "Test", publisher: "Test", url: "https://example.com/t.pdf", date: 2024, retrieved: 2026-11-26}
grades:
  - name: MC-FIXED
    remanence: {min: 1.37 T}
    coercivity_intrinsic: {min: 1592 kA/m}
    temperature_coefficients: {remanence: -0.12 %/K, coercivity: -0.55 %/K, range: [20 degC, 200 degC]}
    heavy_rare_earth: {dy_tb: 3 %, basis: estimated, note: "test"}
  - name: MC-HCJBAND
    remanence: {min: 1.37 T}
    coercivity_intrinsic: {min: 1592 kA/m, typ: 1750 kA/m}
    temperature_coefficients: {remanence: -0.12 %/K, coercivity: -0.55 %/K, range: [20 degC, 200 degC]}
    heavy_rare_earth: {dy_tb: 3 %, basis: estimated, note: "test"}
)",
               "mc-test.yaml");
    return c;
}

Requirement requirement_with_field(double field_ka_m) {
    return parse_requirement("name: mc\napplication: motor\ntemperature: {min: 20 degC, max: 150 degC}\n"
                             "demagnetization: {permeance_coefficient: 2, opposing_field: " +
                                 std::to_string(field_ka_m) + " kA/m, max_irreversible_loss: 1 %}\n",
                             "mc.yaml");
}

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

}  // namespace

TEST_CASE("Wilson score interval against hand-computed values", "[montecarlo]") {
    // z = 1.95996. 50/100: centre 0.5, half-width z·√(0.0025 + z²/40000)/(1 + z²/100) = 0.096172.
    auto [lo, hi] = wilson_interval(50, 100);
    CHECK(lo == Approx(0.403832).margin(1e-6));
    CHECK(hi == Approx(0.596168).margin(1e-6));
    // 0/100: centre = half-width = (z²/200)/(1 + z²/100) = 0.0184968, so [0, 0.0369937].
    std::tie(lo, hi) = wilson_interval(0, 100);
    CHECK(lo == 0.0);
    CHECK(hi == Approx(0.0369937).margin(1e-6));
    std::tie(lo, hi) = wilson_interval(100, 100);
    CHECK(lo == Approx(1.0 - 0.0369937).margin(1e-6));
    CHECK(hi == 1.0);
}

TEST_CASE("the same seed gives the same answer whatever the thread count", "[montecarlo]") {
    const auto c = test_grades();
    const auto r = requirement_with_field(200.0);
    MonteCarloSpec spec;
    spec.samples = 50'001;  // not a multiple of the block size
    spec.seed = 20261126;
    spec.temperature_sd = 8.0 * units::kelvin;
    spec.field_relative_sd = 0.1;
    spec.threads = 1;
    const auto one = run_montecarlo(c.find("MC-HCJBAND"), r, spec);
    for (unsigned threads : {2u, 3u, 8u}) {
        spec.threads = threads;
        const auto many = run_montecarlo(c.find("MC-HCJBAND"), r, spec);
        CAPTURE(threads);
        CHECK(many.exceedances == one.exceedances);
        CHECK(many.mean_loss == one.mean_loss);  // exactly: blocks are summed in order
        CHECK(many.max_loss == one.max_loss);
    }
    CHECK(one.exceedances > 0);
    CHECK(one.exceedances < one.samples);
    spec.seed = 20261127;
    CHECK(run_montecarlo(c.find("MC-HCJBAND"), r, spec).mean_loss != one.mean_loss);
}

TEST_CASE("temperature error only: the probability is the normal tail beyond the grade's limit", "[montecarlo]") {
    // MC-FIXED has no band, so only the temperature varies: the loss limit is exceeded exactly
    // when Tmax + shift + σ·z is above the highest temperature within the limit,
    // P = 1 − Φ((T_limit − Tmax − shift)/σ).
    const auto c = test_grades();
    const auto& g = c.find("MC-FIXED");
    const auto r = requirement_with_field(200.0);
    const auto limit = max_temperature_within_loss(g, LoadLine{2.0, 200e3 * units::ampere_per_metre}, 0.01);
    REQUIRE(limit.limited);
    const double t_limit = units::to_celsius(*limit.temperature);
    MonteCarloSpec spec;
    spec.samples = 400'000;
    spec.seed = 7;
    spec.temperature_sd = 10.0 * units::kelvin;
    spec.temperature_shift = 5.0 * units::kelvin;
    const auto mc = run_montecarlo(g, r, spec);
    const double exact = 1.0 - normal_cdf((t_limit - 150.0 - 5.0) / 10.0);
    const double se = std::sqrt(exact * (1.0 - exact) / static_cast<double>(spec.samples));
    std::printf("montecarlo, temperature only: T_limit %.2f degC, P exact %.5f, sampled %.5f [%.5f, %.5f], %zu samples\n",
                t_limit, exact, mc.probability, mc.ci_low, mc.ci_high, mc.samples);
    REQUIRE(exact > 0.05);
    REQUIRE(exact < 0.95);
    CHECK(std::abs(mc.probability - exact) < 4.0 * se + 1e-3);  // 1e-3: T_limit is known to 0.01 K
    CHECK(mc.ci_low < exact);
    CHECK(mc.ci_high > exact);
    // Br and Hcj are held at their minimum; near 20 °C the samples (20 + 5 ± 30 °C) leave the
    // grade's 20…200 °C data
    REQUIRE(mc.warnings.size() == 3);
    CHECK_THAT(mc.warnings[0], Catch::Contains("Br has no typical value"));
    CHECK_THAT(mc.warnings[1], Catch::Contains("Hcj has no typical value"));
    CHECK_THAT(mc.warnings[2], Catch::Contains("near 20 °C") && Catch::Contains("extrapolated"));
}

TEST_CASE("Hcj band only: the probability is the part of the band below the critical Hcj", "[montecarlo]") {
    // MC-HCJBAND at exactly 150 °C (no temperature or field error): Hcj(20 °C) is uniform on
    // [1592, 1750] kA/m, so P = (Hcj_crit − 1592)/(1750 − 1592), where Hcj_crit is the 20 °C
    // coercivity whose loss at 150 °C equals the limit (found here by bisection).
    const auto c = test_grades();
    const auto& g = c.find("MC-HCJBAND");
    const double field = 200e3;
    const auto r = requirement_with_field(field / 1000.0);
    const auto f = temperature_factors(g, units::celsius(150.0));
    auto loss_with = [&](double hcj20) {
        const DemagCurve curve(1.37 * f.remanence * units::tesla, hcj20 * f.intrinsic_coercivity * units::ampere_per_metre,
                               g.recoil_permeability.value, g.squareness.value);
        return working_point(curve, LoadLine{2.0, field * units::ampere_per_metre}).irreversible_loss;
    };
    double lo = 1592e3, hi = 1750e3;  // the loss falls as Hcj rises
    REQUIRE(loss_with(lo) > 0.01);
    REQUIRE(loss_with(hi) < 0.01);
    for (int i = 0; i < 60; ++i) (loss_with(0.5 * (lo + hi)) > 0.01 ? lo : hi) = 0.5 * (lo + hi);
    const double exact = (lo - 1592e3) / (1750e3 - 1592e3);
    MonteCarloSpec spec;
    spec.samples = 400'000;
    spec.seed = 11;
    const auto mc = run_montecarlo(g, r, spec);
    const double se = std::sqrt(exact * (1.0 - exact) / static_cast<double>(spec.samples));
    std::printf("montecarlo, Hcj band only: Hcj_crit %.1f kA/m, P exact %.5f, sampled %.5f [%.5f, %.5f]\n", lo / 1e3,
                exact, mc.probability, mc.ci_low, mc.ci_high);
    CHECK(std::abs(mc.probability - exact) < 4.0 * se);

    // normal: centred on typ with σ = (typ − min)/3, truncated at min
    spec.distribution = ToleranceDistribution::normal;
    const auto mc_normal = run_montecarlo(g, r, spec);
    const double mu = 1750e3, sigma = (1750e3 - 1592e3) / 3.0;
    const double below_min = normal_cdf((1592e3 - mu) / sigma);
    const double exact_normal = (normal_cdf((lo - mu) / sigma) - below_min) / (1.0 - below_min);
    const double se_normal = std::sqrt(exact_normal * (1.0 - exact_normal) / static_cast<double>(spec.samples));
    std::printf("montecarlo, Hcj band only, normal: P exact %.5f, sampled %.5f\n", exact_normal, mc_normal.probability);
    CHECK(std::abs(mc_normal.probability - exact_normal) < 4.0 * se_normal + 1e-4);
}

TEST_CASE("bad Monte Carlo input is a usage error", "[montecarlo][bad-input]") {
    const auto c = test_grades();
    const auto& g = c.find("MC-FIXED");
    MonteCarloSpec spec;
    const auto no_demag = parse_requirement("name: x\napplication: motor\ntemperature: {min: 20 degC, max: 150 degC}\n", "x.yaml");
    CHECK_THROWS_WITH(run_montecarlo(g, no_demag, spec), Catch::Contains("no demagnetization block"));
    const auto r = requirement_with_field(300.0);
    spec.samples = 0;
    CHECK_THROWS_AS(run_montecarlo(g, r, spec), UsageError);
    spec.samples = 10;
    spec.temperature_sd = -1.0 * units::kelvin;
    CHECK_THROWS_AS(run_montecarlo(g, r, spec), UsageError);
    spec.temperature_sd = 0.0 * units::kelvin;
    spec.field_relative_sd = 0.1;
    spec.field_sd = 10e3 * units::ampere_per_metre;
    CHECK_THROWS_WITH(run_montecarlo(g, r, spec), Catch::Contains("not both"));
    CHECK_THROWS_AS(tolerance_distribution_from_string("gaussian"), UsageError);
}

TEST_CASE("match and montecarlo share the load case: the same critical points, and match's worst point is one of them",
          "[montecarlo][load-case]") {
    const auto c = Catalogue::builtin();
    const std::string dir = MAGSEL_EXAMPLES_DIR;
    std::vector<Requirement> requirements;
    for (const char* f : {"ev-traction-ipm.yaml", "wind-direct-drive-generator.yaml", "ferrite-appliance-motor.yaml",
                          "aerospace-actuator-smco.yaml", "robot-joint-actuator.yaml", "industrial-ie5-motor.yaml"})
        requirements.push_back(read_requirement_file(dir + "/" + f));
    // the field only at 120 degC, inside the range: a critical point of its own
    requirements.push_back(parse_requirement(
        "name: t\napplication: motor\ntemperature: {min: -20 degC, max: 150 degC}\n"
        "demagnetization: {permeance_coefficient: 1.2, opposing_field: 500 kA/m, opposing_field_at: [120 degC]}\n",
        "t.yaml"));
    for (const auto& r : requirements) {
        CAPTURE(r.name);
        const auto load = load_case(r);
        const auto critical = critical_points(load);
        const auto m = match(c, r, PriceTable::builtin(), SupplyData::builtin());
        REQUIRE(!m.candidates.empty());
        MonteCarloSpec spec;
        spec.samples = 64;
        const auto mc = run_montecarlo(*m.candidates.front().evaluation.grade, r, spec);
        REQUIRE(mc.critical_temperatures.size() == critical.size());
        for (std::size_t i = 0; i < critical.size(); ++i)
            CHECK(mc.critical_temperatures[i].value() == critical[i].temperature.value());
        // match scans every point of the grid; its worst point must be a critical one
        for (const auto& cand : m.candidates) {
            if (!cand.evaluation.worst_point || cand.evaluation.worst_point->irreversible_loss == 0.0) continue;
            CAPTURE(cand.evaluation.grade->name);
            const double worst = cand.evaluation.worst_temperature.value();
            CHECK(std::any_of(critical.begin(), critical.end(),
                              [&](const LoadPoint& p) { return std::abs(p.temperature.value() - worst) < 1e-9; }));
        }
    }
}
