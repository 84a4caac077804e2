// The batch working-point API (magsel/batch.hpp) against the scalar path it must equal.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "magsel/batch.hpp"
#include "magsel/catalogue.hpp"
#include "magsel/envelope.hpp"
#include "magsel/error.hpp"
#include "physics/batch_kernel.hpp"

using namespace magsel;

namespace {
bool close(double a, double b) { return a == b || std::abs(a - b) <= 1e-12 * std::max(std::abs(a), std::abs(b)); }

/// The batch's equality with the scalar path (docs/api.md, "Batch"): each output within 1e-12
/// of the size of the terms it is computed from, so that a last-bit difference in h_w (libmvec's
/// exp against the scalar exp) is not magnified by a cancellation the scalar path has too:
///   h_w: |h_w|;  B = μ0·Pc·(h_w − Ha): μ0·Pc·max(h_w, Ha);  J = B + μ0·h_w: |B| + μ0·h_w;
///   knee margin Hk − h_w: max(Hk, h_w);  loss = 1 − (J + χ·h_w)/Br: (|J| + χ·h_w)/Br, at least
///   1e-3 (a loss below 1e-15 is 0 for every use: 1e-12 of 1e-3).
/// `worst` keeps the largest difference relative to the scale, per output, to be printed.
struct Equality {
    double worst[5] = {0, 0, 0, 0, 0};
    std::size_t bit_equal = 0, compared = 0;
    bool check(int output, double batch, double scalar, double scale) {
        const double d = batch == scalar ? 0.0 : std::abs(batch - scalar) / scale;
        worst[output] = std::max(worst[output], d);
        ++compared;
        bit_equal += batch == scalar;
        return d <= 1e-12;
    }
    void print(const char* what) const {
        std::printf("batch vs scalar, %s: %zu of %zu values bit-equal; largest differences / scale: h %.2g, B %.2g, "
                    "J %.2g, knee margin %.2g, loss %.2g\n",
                    what, bit_equal, compared, worst[0], worst[1], worst[2], worst[3], worst[4]);
    }
};

/// Compare one batch point with the scalar working point w (recoil slope chi of its curve).
void check_point(Equality& e, const WorkingPoint& w, double chi, double h, double b, double j, double km, double loss) {
    constexpr double mu0 = units::mu0;
    const double pc = w.load_line.permeance_coefficient, ha = w.load_line.opposing_field.value();
    const double hw = w.working_field.value();
    CHECK(e.check(0, h, hw, std::abs(hw)));
    CHECK(e.check(1, b, w.flux_density.value(), mu0 * pc * std::max(std::abs(hw), ha)));
    CHECK(e.check(2, j, w.polarization.value(), std::abs(w.flux_density.value()) + mu0 * std::abs(hw)));
    CHECK(e.check(3, km, w.knee_margin.value(), std::max(std::abs(w.knee_field.value()), std::abs(hw))));
    CHECK(e.check(4, loss, w.irreversible_loss,
                  std::max((std::abs(w.polarization.value()) + chi * std::abs(hw)) / w.remanence.value(), 1e-3)));
}
}  // namespace

TEST_CASE("batch working points equal the scalar path over the catalogue, temperatures, Pc and fields", "[batch]") {
    const auto c = Catalogue::builtin();
    std::vector<double> t, pc, ha;
    // fields from the recoil line through the knee to full reversal, at every Pc
    for (double tc : {-60.0, -40.0, 20.0, 60.0, 100.0, 150.0, 180.0, 220.0, 300.0})
        for (double p : {0.05, 0.3, 1.0, 2.0, 5.0, 20.0})
            for (double h : {0.0, 100e3, 300e3, 500e3, 700e3, 900e3, 1200e3, 2000e3, 5000e3}) {
                t.push_back(tc + 273.15);
                pc.push_back(p);
                ha.push_back(h);
            }
    const std::size_t n = t.size();
    std::size_t compared = 0;
    Equality equality;
    for (const auto& g : c.grades()) {
        std::vector<double> h(n), b(n), j(n), km(n), loss(n);
        std::vector<PointStatus> status(n);
        const auto summary = working_points(g, {t, pc, ha, {}, {}}, {h, b, j, km, loss, status});
        CHECK(summary.points == n);
        const auto envelope = temperature_envelope(g);
        std::size_t outside = 0, extrapolated = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const auto temp = units::kelvin_point(t[i]);
            if (!envelope.contains(temp)) {
                CHECK(status[i] == PointStatus::outside_envelope);
                CHECK(std::isnan(h[i]));
                CHECK(std::isnan(loss[i]));
                ++outside;
                continue;
            }
            const auto w = working_point(g, temp, LoadLine{pc[i], ha[i] * units::ampere_per_metre});
            INFO(g.name << " at " << t[i] << " K, Pc " << pc[i] << ", Ha " << ha[i]);
            check_point(equality, w, curve_at(g, temp).recoil_slope_si(), h[i], b[i], j[i], km[i], loss[i]);
            CHECK((status[i] == PointStatus::extrapolated) == is_extrapolated(g, temp));
            extrapolated += status[i] == PointStatus::extrapolated;
            ++compared;
        }
        CHECK(summary.outside_envelope == outside);
        CHECK(summary.extrapolated == extrapolated);
    }
    CHECK(compared > 100 * n);
    equality.print(("catalogue, " + std::string(to_string(batch_isa()))).c_str());
}

TEST_CASE("every kernel this CPU runs gives the scalar path's working field, near knees too", "[batch]") {
    // Each instruction set's kernel on its own (the public API uses only the widest), over
    // loads packed around each curve's knee, where Halley iterates and lanes stop at
    // different steps.
    const auto c = Catalogue::builtin();
    for (auto isa : {BatchIsa::sse2, BatchIsa::avx2, BatchIsa::avx512f}) {
        if (isa > batch_isa()) continue;
        Equality equality;
        for (const auto& g : c.grades())
            for (double tc : {20.0, 120.0, 180.0}) {
                const auto temp = units::celsius(tc);
                if (!temperature_envelope(g).contains(temp)) continue;
                const auto curve = curve_at(g, temp);
                const double hk = curve.knee_field().value(), hcj = curve.intrinsic_coercivity().value();
                std::vector<double> br, hc, chi, s, scale, floor, pc, ha;
                for (double p : {0.5, 1.0, 2.0, 4.0})
                    for (int k = 0; k < 40; ++k) {
                        // Ha so that h_w runs from below the knee to past Hcj
                        const double target = hk * 0.8 + (hcj * 1.2 - hk * 0.8) * k / 39.0;
                        const double field = std::max(0.0, target - curve.flux_density_si(target) / (units::mu0 * p));
                        br.push_back(curve.remanence().value()), hc.push_back(hcj);
                        chi.push_back(curve.recoil_slope_si()), s.push_back(curve.knee_sharpness_si());
                        scale.push_back(curve.knee_scale_si()), floor.push_back(curve.knee_floor());
                        pc.push_back(p), ha.push_back(field);
                    }
                std::vector<double> h(br.size());
                REQUIRE(br.size() % detail::kernel_lanes == 0);
                detail::solve_working_fields(isa, {br.data(), hc.data(), chi.data(), s.data(), scale.data(),
                                                   floor.data(), pc.data(), ha.data(), h.data()},
                                             h.size());
                for (std::size_t i = 0; i < h.size(); ++i) {
                    const auto w = working_point(curve, LoadLine{pc[i], ha[i] * units::ampere_per_metre});
                    INFO(g.name << " at " << tc << " degC, Pc " << pc[i] << ", Ha " << ha[i] << ", " << to_string(isa));
                    CHECK(equality.check(0, h[i], w.working_field.value(), std::abs(w.working_field.value())));
                }
            }
        equality.print(("knee loads, kernel " + std::string(to_string(isa))).c_str());
    }
}

TEST_CASE("the one-curve batch equals the scalar path, broadcast Pc or Ha", "[batch]") {
    const auto c = Catalogue::builtin();
    const auto curve = curve_at(c.find("N48SH"), units::celsius(150.0));
    // the benchmark's spread of circuits (tests/bench/bench_demag.cpp), thinned
    std::vector<double> pc, ha;
    for (int i = 0; i < 2'000'000; i += 397) {
        pc.push_back(0.5 + 0.0045 * (i % 1000));
        ha.push_back(0.4 * (i % 2000001));
    }
    const std::size_t n = pc.size();
    std::vector<double> h(n), b(n), j(n), km(n), loss(n);
    std::vector<PointStatus> status(n, PointStatus::outside_envelope);
    working_points(curve, pc, ha, {h, b, j, km, loss, status});
    Equality equality;
    for (std::size_t i = 0; i < n; ++i) {
        const auto w = working_point(curve, LoadLine{pc[i], ha[i] * units::ampere_per_metre});
        INFO("Pc " << pc[i] << ", Ha " << ha[i]);
        check_point(equality, w, curve.recoil_slope_si(), h[i], b[i], j[i], km[i], loss[i]);
        CHECK(status[i] == PointStatus::ok);
    }
    equality.print("spread loads, one curve");
    // Pc broadcast (one value), Ha per point; only the loss wanted
    const std::vector<double> two{2.0};
    std::vector<double> only_loss(n);
    working_points(curve, two, ha, {{}, {}, {}, {}, only_loss, {}});
    for (std::size_t i = 0; i < n; i += 7) {
        const auto w = working_point(curve, LoadLine{2.0, ha[i] * units::ampere_per_metre});
        CHECK(std::abs(only_loss[i] - w.irreversible_loss) <= 1e-12);
    }
}

TEST_CASE("a measured curve takes the scalar path in the batch", "[batch]") {
    auto c = Catalogue::empty();
    c.add_directory(std::string(MAGSEL_TEST_DATA) + "/good/measured");
    const auto& g = c.find("N42M-ARNOLD");
    REQUIRE(!g.measured_curves.empty());
    const std::vector<double> t{g.measured_curves.front().temperature.value(), 80.0 + 273.15}, pc{2.0},
        ha{0.0, 600e3};
    std::vector<double> h(2), loss(2);
    working_points(g, {t, pc, ha, {}, {}}, {h, {}, {}, {}, loss, {}}, Basis::typical);
    for (std::size_t i = 0; i < 2; ++i) {
        const auto w = working_point(g, units::kelvin_point(t[i]), LoadLine{2.0, ha[i] * units::ampere_per_metre},
                                     Basis::typical);
        CHECK(close(h[i], w.working_field.value()));
        CHECK(close(loss[i], w.irreversible_loss));
    }
    CHECK(working_point(g, units::kelvin_point(t[0]), LoadLine{2.0, 0.0 * units::ampere_per_metre}, Basis::typical)
              .measured_curve);
}

TEST_CASE("the batch kernel's instruction set is named", "[batch]") {
    const auto isa = batch_isa();
    CHECK((to_string(isa) == "sse2" || to_string(isa) == "avx2" || to_string(isa) == "avx512f"));
    CHECK(batch_isa() == isa);  // chosen once
}

TEST_CASE("batch inputs broadcast, and bad lengths and values are named", "[batch]") {
    const auto c = Catalogue::builtin();
    const auto& g = c.find("N48SH");
    const std::vector<double> t{423.15}, pc{2.0}, ha{0.0, 200e3, 400e3};
    std::vector<double> loss(3);
    working_points(g, {t, pc, ha, {}, {}}, {{}, {}, {}, {}, loss, {}});
    for (std::size_t i = 0; i < 3; ++i)
        CHECK(close(loss[i], working_point(g, units::kelvin_point(423.15), LoadLine{2.0, ha[i] * units::ampere_per_metre})
                                 .irreversible_loss));
    const std::vector<double> two{1.0, 2.0};
    CHECK_THROWS_WITH(working_points(g, {t, two, ha, {}, {}}, {{}, {}, {}, {}, loss, {}}),
                      Catch::Contains("permeance-coefficient array has 2 values; expected 3"));
    const std::vector<double> bad_pc{-1.0};
    CHECK_THROWS_WITH(working_points(g, {t, bad_pc, ha, {}, {}}, {{}, {}, {}, {}, loss, {}}),
                      Catch::Contains("point 0: the permeance coefficient must be a positive number"));
    std::vector<double> short_out(2);
    CHECK_THROWS_AS(working_points(g, {t, pc, ha, {}, {}}, {{}, {}, {}, {}, short_out, {}}), UsageError);
}

TEST_CASE("batch 20 degC overrides build the model curve from the given Br and Hcj", "[batch]") {
    const auto c = Catalogue::builtin();
    const auto& g = c.find("N48SH");
    const double kelvin = 423.15;
    const std::vector<double> t{kelvin}, pc{2.0}, ha{250e3}, br{1.40}, hcj{1700e3};
    std::vector<double> loss(1);
    working_points(g, {t, pc, ha, br, hcj}, {{}, {}, {}, {}, loss, {}});
    const auto f = temperature_factors(g, units::kelvin_point(kelvin));
    const DemagCurve curve(1.40 * f.remanence * units::tesla, 1700e3 * f.intrinsic_coercivity * units::ampere_per_metre,
                           g.recoil_permeability.value, g.squareness.value);
    CHECK(close(loss[0], working_point(curve, LoadLine{2.0, 250e3 * units::ampere_per_metre}).irreversible_loss));
}

TEST_CASE("every kernel this CPU runs gives the scalar curve constants, Newton steps of the sharpness solve included",
          "[batch]") {
    // Squareness 0.2-0.99 and Br/Hcj from ferrite to high-coercivity NdFeB: the sharpness solve
    // takes its ends, its asymptote shortcut and Newton steps (some lanes of a vector iterate,
    // others not); the knee-limited corner too.
    std::vector<double> br_in, hcj_in;
    for (double br : {0.2, 0.4, 1.0, 1.4})
        for (double hcj : {150e3, 300e3, 900e3, 1600e3, 2600e3}) br_in.push_back(br), hcj_in.push_back(hcj);
    while (br_in.size() % detail::kernel_lanes != 0) br_in.push_back(br_in.back()), hcj_in.push_back(hcj_in.back());
    const std::size_t n = br_in.size();
    double worst = 0.0;
    std::size_t bit_equal = 0, compared = 0;
    for (auto isa : {BatchIsa::sse2, BatchIsa::avx2, BatchIsa::avx512f}) {
        if (isa > batch_isa()) continue;
        for (double q : {0.2, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99})
            for (double mu_rec : {1.0, 1.05, 1.3}) {
                const auto shape = detail::knee_shape(q);
                std::vector<double> br = br_in, hcj = hcj_in, chi(n), s(n), scale(n), floor(n);
                std::vector<std::int64_t> limited(n);
                const detail::KneeConstantLanes lanes{br.data(), hcj.data(), chi.data(), s.data(),
                                                      scale.data(), floor.data(), limited.data()};
                detail::knee_constants_lanes(isa, lanes, n, mu_rec, shape);
                for (std::size_t i = 0; i < n; ++i) {
                    const auto c = detail::knee_constants(br_in[i], hcj_in[i], mu_rec, shape);
                    INFO(to_string(isa) << ": Br " << br_in[i] << ", Hcj " << hcj_in[i] << ", q " << q << ", mu_rec "
                                        << mu_rec);
                    CHECK(br[i] == c.br);
                    CHECK(hcj[i] == c.hcj);
                    CHECK(chi[i] == c.chi);
                    CHECK((limited[i] != 0) == c.knee_limited);
                    for (auto [batch, scalar] : {std::pair{s[i], c.s}, std::pair{scale[i], c.knee_scale},
                                                 std::pair{floor[i], c.knee_floor}}) {
                        CHECK(close(batch, scalar));
                        worst = std::max(worst, std::abs(batch - scalar) / std::abs(scalar));
                        bit_equal += batch == scalar;
                        ++compared;
                    }
                }
            }
    }
    std::printf("batch vs scalar, curve constants: %zu of %zu values bit-equal; largest relative difference %.2g\n",
                bit_equal, compared, worst);
}
