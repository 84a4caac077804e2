// The permeance coefficient from a magnet's shape (geometry.hpp), against results derived here
// by other routes than the library's pole-surface quadrature:
//   - N_m of a cylinder: the closed form of M. Beleggia, M. De Graef, Y. T. Millev, D. A. Goode,
//     G. Rowlands, "Demagnetization factors for elliptic cylinders", J. Phys. D 38 (2005) 3333,
//     circular case: N_m = 1 + 4/(3πγ) − ₂F₁(−½, ½; 2; −1/γ²), γ = L/D (series for γ ≥ 1);
//   - N_f of a cylinder: the "inductance formula" route Chen, Brug & Goldfarb (IEEE Trans. Magn.
//     27 (1991) 3601) used for χ = 0 — the magnet as a current sheet M, the mid-plane flux from
//     Maxwell's mutual inductance of two coaxial loops:
//       1 − N_f = (2/(π a²)) ∫_0^{L/2} a·[(2/k − k)·K(k) − (2/k)·E(k)] dz,  k² = 4a²/(4a² + z²);
//   - Aharoni's cube, N = 1/3 (A. Aharoni, J. Appl. Phys. 83 (1998) 3432: by symmetry the three
//     factors are equal and sum to 1), and the sum rule N_x + N_y + N_z = 1 for any block.
// The rows of Chen et al.'s tables could not be retrieved from the stored copies of the paper
// (only its abstract and introduction), so the tests check the two exact χ = 0 routes the paper
// describes instead of its printed digits.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>

#include <fmt/format.h>

#include "magsel/demag.hpp"
#include "magsel/error.hpp"
#include "magsel/geometry.hpp"
#include "magsel/requirement.hpp"
#include "magsel/select.hpp"

using namespace magsel;
using Approx = Catch::Detail::Approx;

namespace {

constexpr double pi = units::pi;

/// ₂F₁(−½, ½; 2; z) for −1 ≤ z ≤ 0 by its series (terms fall like n^−3.5 at z = −1).
double hyp2f1(double z) {
    double sum = 0.0, term = 1.0;
    for (int n = 0; n < 200000; ++n) {
        sum += term;
        term *= (-0.5 + n) * (0.5 + n) / ((2.0 + n) * (n + 1.0)) * z;
        if (std::abs(term) < 1e-17) break;
    }
    return sum;
}

double beleggia_nm(double ld) { return 1.0 + 4.0 / (3.0 * pi * ld) - hyp2f1(-1.0 / (ld * ld)); }

/// 1 − N_f from the mid-plane flux of the equivalent current sheet (Maxwell's mutual
/// inductance of coaxial loops); z = t² takes out the logarithmic peak at z = 0.
double amperian_nf(double ld) {
    const double a = 0.5, half = 0.5 * ld;
    auto loop = [&](double z) {  // M12/μ0 for two loops of radius a, z apart
        const double kc = z / std::sqrt(4.0 * a * a + z * z);  // complementary modulus k'
        // k → 1: K ≈ ln(4/k'), E ≈ 1 (Abramowitz & Stegun 17.3.26), error O(k'² ln k')
        if (kc < 1e-7) return a * (std::log(4.0 / kc) - 2.0);
        const double k = std::sqrt(4.0 * a * a / (4.0 * a * a + z * z));
        return a * ((2.0 / k - k) * std::comp_ellint_1(k) - 2.0 / k * std::comp_ellint_2(k));
    };
    auto f = [&](double t) { return t == 0.0 ? 0.0 : loop(t * t) * 2.0 * t; };
    const int n = 200000;
    const double top = std::sqrt(half), h = top / n;
    double s = f(0.0) + f(top);
    for (int i = 1; i < n; ++i) s += (i % 2 ? 4.0 : 2.0) * f(i * h);
    const double integral = s * h / 3.0;
    return 1.0 - 2.0 / (pi * a * a) * integral;
}

Cylinder cylinder(double l_mm, double d_mm) { return Cylinder{l_mm * 1e-3 * units::metre, d_mm * 1e-3 * units::metre}; }

}  // namespace

TEST_CASE("cylinder: magnetometric factor equals Beleggia et al.'s closed form", "[geometry]") {
    for (double ld : {1.0, 1.5, 2.0, 5.0, 20.0}) {
        CAPTURE(ld);
        const auto n = demagnetizing_factors(cylinder_with_ratio(ld));
        CHECK(n.magnetometric == Approx(beleggia_nm(ld)).margin(1e-9));
    }
}

TEST_CASE("cylinder: fluxmetric factor equals the inductance-formula route (Chen et al.'s chi = 0 method)",
          "[geometry]") {
    for (double ld : {0.1, 0.7, 1.0, 1.5, 3.0}) {
        CAPTURE(ld);
        const auto n = demagnetizing_factors(cylinder_with_ratio(ld));
        CHECK(n.fluxmetric == Approx(amperian_nf(ld)).margin(2e-6));
        CHECK(n.fluxmetric < n.magnetometric);  // the mid-plane is the least demagnetized section
    }
}

TEST_CASE("cylinder L/D 1.5: N and Pc, and demag's working point by hand", "[geometry]") {
    // N_f(1.5) = 0.14181 by both routes above; Pc = (1 − N)/N = 6.0515.
    const double nf = amperian_nf(1.5);
    const double pc = permeance_coefficient(cylinder(15.0, 10.0));
    CHECK(pc == Approx((1.0 - nf) / nf).epsilon(1e-5));
    CHECK(pc == Approx(6.0515).margin(5e-4));
    // Hand calculation on the recoil line (no opposing field, far from the knee): N38 at 20 °C
    // on the minimum basis has Br 1.22 T, μrec 1.05 (family default), so
    //   h = Br/(μ0·(Pc + μrec)) = 1.22/(4π·10⁻⁷ · 7.1015) = 136.71 kA/m,  B = μ0·Pc·h = 1.0397 T.
    const auto catalogue = Catalogue::builtin();
    const auto w = working_point(catalogue.find("N38"), units::celsius(20.0), LoadLine{pc, 0.0 * units::ampere_per_metre});
    CHECK(w.working_field.value() / 1000.0 == Approx(136.71).margin(0.02));
    CHECK(w.flux_density.value() == Approx(1.0397).margin(2e-4));
}

TEST_CASE("makers' rating shape L/D 0.7 gives Pc about 2", "[geometry]") {
    // N_f(0.7) = 0.32725 (inductance route) → Pc 2.056: the "Pc 2 at L/D 0.7" of maker tables.
    CHECK(permeance_coefficient(cylinder_with_ratio(0.7)) == Approx((1.0 - amperian_nf(0.7)) / amperian_nf(0.7)).epsilon(1e-5));
    CHECK(permeance_coefficient(cylinder_with_ratio(0.7)) == Approx(2.056).margin(1e-3));
}

TEST_CASE("block: Aharoni's cube is 1/3 and the three factors sum to 1", "[geometry]") {
    CHECK(aharoni_prism_factor(1.0, 1.0, 1.0) == Approx(1.0 / 3.0).margin(1e-14));
    const auto cube = demagnetizing_factors(Block{1e-2 * units::metre, 1e-2 * units::metre, 1e-2 * units::metre});
    CHECK(cube.magnetometric == Approx(1.0 / 3.0).margin(1e-14));
    for (auto [x, y, z] : {std::array{1.0, 2.0, 3.0}, std::array{0.2, 8.0, 1.0}, std::array{10.0, 1.0, 1.0}}) {
        CHECK(aharoni_prism_factor(x, y, z) + aharoni_prism_factor(y, z, x) + aharoni_prism_factor(z, x, y) ==
              Approx(1.0).margin(1e-12));
    }
    // A square block's mid-plane factor lies below its volume average, like the cylinder's.
    CHECK(cube.fluxmetric < cube.magnetometric);
}

TEST_CASE("block fluxmetric: the inner closed form against a plain 2-D integral", "[geometry]") {
    // N_f = (2/(π·W·H)) ∫_0^W ∫_0^H (W − u)(H − v) · c/(u² + v² + c²)^{3/2} dv du, c = L/2: the
    // pole-face average with the rectangle's autocorrelation, integrated by 2-D Simpson here (the
    // library does the v integral in closed form).
    auto brute = [](double l, double w, double h) {
        const double c = 0.5 * l;
        const int n = 400;
        auto f = [&](double u, double v) { return (w - u) * (h - v) * c / std::pow(u * u + v * v + c * c, 1.5); };
        auto weight = [&](int i) { return i == 0 || i == n ? 1.0 : (i % 2 ? 4.0 : 2.0); };
        double s = 0.0;
        for (int i = 0; i <= n; ++i)
            for (int j = 0; j <= n; ++j) s += weight(i) * weight(j) * f(w * i / n, h * j / n);
        return 2.0 / (pi * w * h) * s * (w / n) * (h / n) / 9.0;
    };
    for (auto [l, w, h] : {std::array{10.0, 10.0, 10.0}, std::array{15.0, 10.0, 10.0}, std::array{5.0, 20.0, 10.0}}) {
        CAPTURE(l, w, h);
        const auto n = demagnetizing_factors(Block{l * 1e-3 * units::metre, w * 1e-3 * units::metre, h * 1e-3 * units::metre});
        CHECK(n.fluxmetric == Approx(brute(l, w, h)).margin(1e-6));
    }
}

TEST_CASE("block fluxmetric: thin plates tend to 1, long rods to 0", "[geometry]") {
    const auto plate = demagnetizing_factors(Block{0.01e-3 * units::metre, 10e-3 * units::metre, 10e-3 * units::metre});
    CHECK(plate.fluxmetric > 0.99);
    const auto rod = demagnetizing_factors(Block{1.0 * units::metre, 10e-3 * units::metre, 10e-3 * units::metre});
    CHECK(rod.fluxmetric < 1e-3);
}

TEST_CASE("ring: a vanishing bore is the cylinder, and a bore lowers the end-face pole area", "[geometry]") {
    const auto solid = demagnetizing_factors(cylinder(10.0, 20.0));
    const auto tiny_bore = demagnetizing_factors(Ring{10e-3 * units::metre, 20e-3 * units::metre, 1e-6 * units::metre});
    CHECK(tiny_bore.fluxmetric == Approx(solid.fluxmetric).margin(1e-6));
    CHECK(tiny_bore.magnetometric == Approx(solid.magnetometric).margin(1e-6));
    // A thin-walled ring of length 10 mm behaves like a long tube wall: N well below the disk's.
    const auto thin = demagnetizing_factors(Ring{10e-3 * units::metre, 20e-3 * units::metre, 19e-3 * units::metre});
    CHECK(thin.fluxmetric < 0.5 * solid.fluxmetric);
}

TEST_CASE("shape strings and bad shapes", "[geometry]") {
    const auto s = parse_shape("cylinder:L=15mm,D=10mm");
    CHECK(permeance_coefficient(s) == Approx(permeance_coefficient(cylinder_with_ratio(1.5))).epsilon(1e-9));
    CHECK(std::holds_alternative<Ring>(parse_shape("ring:L=5mm,OD=20mm,ID=10mm")));
    CHECK(std::holds_alternative<Block>(parse_shape("block:L=5mm,W=2cm,H=10mm")));
    CHECK_THROWS_WITH(parse_shape("sphere:D=1mm"), Catch::Contains("unknown shape `sphere`"));
    CHECK_THROWS_WITH(parse_shape("cylinder:L=10mm"), Catch::Contains("needs D"));
    CHECK_THROWS_WITH(parse_shape("cylinder:L=10mm,D=1T"), Catch::Contains("expected a length"));
    CHECK_THROWS_AS(demagnetizing_factors(Ring{1e-3 * units::metre, 10e-3 * units::metre, 10e-3 * units::metre}), UsageError);
    CHECK_THROWS_AS(cylinder_with_ratio(0.0), UsageError);
}

TEST_CASE("a requirement with geometry matches like one with the same Pc", "[geometry]") {
    const std::string head = "name: shape test\napplication: motor\ntemperature: {min: -20 degC, max: 140 degC}\n";
    const auto with_shape = parse_requirement(
        head + "demagnetization:\n  geometry: {shape: cylinder, length: 7 mm, diameter: 10 mm}\n"
               "  opposing_field: 300 kA/m\n",
        "shape.yaml");
    REQUIRE(with_shape.permeance_coefficient);
    const double pc = *with_shape.permeance_coefficient;
    CHECK(pc == Approx(2.056).margin(1e-3));
    const auto with_pc = parse_requirement(
        head + fmt::format("demagnetization:\n  permeance_coefficient: {:.17g}\n  opposing_field: 300 kA/m\n", pc),
        "pc.yaml");
    const auto catalogue = Catalogue::builtin();
    const auto prices = PriceTable::builtin();
    const auto supply = SupplyData::builtin();
    const auto a = match(catalogue, with_shape, prices, supply);
    const auto b = match(catalogue, with_pc, prices, supply);
    REQUIRE(a.candidates.size() == b.candidates.size());
    REQUIRE(!a.candidates.empty());
    for (std::size_t i = 0; i < a.candidates.size(); ++i)
        CHECK(a.candidates[i].evaluation.grade->name == b.candidates[i].evaluation.grade->name);
    CHECK(a.rejected.size() == b.rejected.size());
}

TEST_CASE("requirement geometry errors are located", "[geometry]") {
    const std::string head = "name: shape test\napplication: motor\ntemperature: {min: -20 degC, max: 140 degC}\n";
    CHECK_THROWS_WITH(parse_requirement(head + "demagnetization:\n  permeance_coefficient: 2\n"
                                               "  geometry: {shape: cylinder, length: 7 mm, diameter: 10 mm}\n",
                                        "x.yaml"),
                      Catch::Contains("x.yaml:6:13") && Catch::Contains("not both"));
    CHECK_THROWS_WITH(parse_requirement(head + "demagnetization:\n  geometry: {shape: cone, length: 7 mm}\n", "x.yaml"),
                      Catch::Contains("unknown shape `cone`"));
    CHECK_THROWS_WITH(
        parse_requirement(head + "demagnetization:\n  geometry: {shape: cylinder, length: 7 kg, diameter: 10 mm}\n",
                          "x.yaml"),
        Catch::Contains("expected a length"));
}
