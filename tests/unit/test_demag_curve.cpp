// The knee model of the second-quadrant curves against its defining conditions and against
// closed forms derived by hand for the linear recoil region.
#include <catch2/catch.hpp>

#include <cmath>

#include "magsel/demag_curve.hpp"

using magsel::DemagCurve;
using namespace magsel::units;

namespace {
DemagCurve make(double br, double hcj_ka_m, double mu_rec, double squareness) {
    return DemagCurve(br * tesla, hcj_ka_m * 1000.0 * ampere_per_metre, mu_rec, squareness);
}
FieldStrength field(double a_per_m) { return a_per_m * ampere_per_metre; }
}  // namespace

TEST_CASE("the intrinsic curve meets J(0) = Br, J(Hcj) = 0, J(Hk) = 0.9 Br", "[demag][curve]") {
    // N48SH-like: Br 1.37 T, Hcj 1592 kA/m, μrec 1.05, Hk/Hcj 0.95.
    const auto c = make(1.37, 1592.0, 1.05, 0.95);
    CHECK_FALSE(c.knee_limited());
    CHECK(c.polarization(field(0.0)).value() == Approx(1.37).epsilon(1e-12));
    CHECK(std::abs(c.polarization(field(1592e3)).value()) < 1e-9);
    CHECK(c.knee_field().value() == Approx(0.95 * 1592e3).epsilon(1e-12));
    CHECK(c.polarization(field(0.95 * 1592e3)).value() == Approx(0.9 * 1.37).epsilon(1e-9));
}

TEST_CASE("near h = 0 the slope is the recoil slope μ0(μrec − 1)", "[demag][curve]") {
    const auto c = make(1.37, 1592.0, 1.05, 0.95);
    const double slope = (c.polarization_si(0.0) - c.polarization_si(1000.0)) / 1000.0;
    CHECK(slope == Approx(mu0 * 0.05).epsilon(1e-6));
}

TEST_CASE("Hcb and (BH)max equal the linear-region closed forms when the knee lies beyond them",
          "[demag][curve]") {
    // On the recoil line B = Br − μ0·μrec·h, so Hcb = Br/(μ0·μrec) and B·h peaks at
    // h = Br/(2μ0μrec) with (BH)max = Br²/(4μ0μrec); both points lie before Hk = 1512 kA/m.
    const double br = 1.37, mu_rec = 1.05;
    const auto c = make(br, 1592.0, mu_rec, 0.95);
    const double hcb = br / (4e-7 * 3.141592653589793 * mu_rec);             // 1038.3 kA/m
    const double bh = br * br / (4.0 * 4e-7 * 3.141592653589793 * mu_rec);   // 355.6 kJ/m^3
    CHECK(c.normal_coercivity().value() == Approx(hcb).epsilon(1e-5));
    CHECK(c.max_energy_product().value() == Approx(bh).epsilon(1e-5));
    CHECK(hcb / 1000.0 == Approx(1038.3).epsilon(1e-4));
}

TEST_CASE("the high-coercivity corner stays defined and monotone", "[demag][curve]") {
    // AH-like at 20 °C: the recoil line alone reaches 0.9·Br at 0.1·1.2/(μ0·0.05) ≈ 1910 kA/m,
    // before squareness·Hcj = 2647 kA/m.
    const auto c = make(1.2, 2786.0, 1.05, 0.95);
    CHECK(c.knee_limited());
    CHECK(c.knee_field().value() < 0.95 * 2786e3);
    CHECK(c.knee_field().value() > 1500e3);
    CHECK(c.polarization(c.knee_field()).value() == Approx(0.9 * 1.2).epsilon(1e-9));
    CHECK(std::abs(c.polarization_si(2786e3)) < 1e-9);
    double previous = c.polarization_si(0.0);
    for (double h = 1e3; h <= 4e6; h += 1e3) {
        const double j = c.polarization_si(h);
        REQUIRE(std::isfinite(j));
        REQUIRE(j <= previous);
        previous = j;
    }
}

TEST_CASE("past Hcj the curve reaches full reversal and stays finite", "[demag][curve]") {
    const auto c = make(1.2, 900.0, 1.05, 0.9);
    CHECK(c.polarization_si(5e6) == Approx(-1.2));
    CHECK(std::isfinite(c.flux_density_si(5e6)));
}

TEST_CASE("over a wide parameter grid every curve is finite, monotone and meets its end points",
          "[demag][curve][property]") {
    std::size_t curves = 0;
    for (double br : {0.2, 0.4, 0.7, 1.0, 1.2, 1.45}) {
        for (double hcj : {100.0, 250.0, 400.0, 900.0, 1600.0, 2400.0, 3200.0}) {
            for (double mu_rec : {1.0, 1.03, 1.05, 1.1, 1.2, 1.5}) {
                for (double q : {0.2, 0.5, 0.8, 0.9, 0.95, 0.99}) {
                    const auto c = make(br, hcj, mu_rec, q);
                    CAPTURE(br, hcj, mu_rec, q);
                    REQUIRE(c.polarization_si(0.0) == Approx(br).epsilon(1e-9));
                    REQUIRE(std::abs(c.polarization_si(hcj * 1e3)) < 1e-6 * br);
                    REQUIRE(c.polarization(c.knee_field()).value() == Approx(0.9 * br).epsilon(1e-6));
                    REQUIRE(c.knee_field().value() > 0.0);
                    REQUIRE(c.knee_field().value() < hcj * 1e3);
                    REQUIRE(c.normal_coercivity().value() <= hcj * 1e3);
                    REQUIRE(std::isfinite(c.max_energy_product().value()));
                    double previous = br;
                    for (int i = 1; i <= 200; ++i) {
                        const double j = c.polarization_si(hcj * 1e3 * 1.5 * i / 200.0);
                        REQUIRE(std::isfinite(j));
                        REQUIRE(j <= previous + 1e-15);
                        previous = j;
                    }
                    ++curves;
                }
            }
        }
    }
    CHECK(curves == 6 * 7 * 6 * 6);
}
