// The batch working-point API (magsel/batch.hpp) against the scalar path it must equal.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "magsel/batch.hpp"
#include "magsel/catalogue.hpp"
#include "magsel/envelope.hpp"
#include "magsel/error.hpp"

using namespace magsel;

namespace {
bool close(double a, double b) { return a == b || std::abs(a - b) <= 1e-12 * std::max(std::abs(a), std::abs(b)); }
}  // namespace

TEST_CASE("batch working points equal the scalar path over the catalogue, temperatures, Pc and fields", "[batch]") {
    const auto c = Catalogue::builtin();
    std::vector<double> t, pc, ha;
    for (double tc : {-40.0, 20.0, 100.0, 150.0, 180.0})
        for (double p : {0.3, 1.0, 2.0, 5.0})
            for (double h : {0.0, 300e3, 900e3, 2000e3}) {
                t.push_back(tc + 273.15);
                pc.push_back(p);
                ha.push_back(h);
            }
    const std::size_t n = t.size();
    std::size_t compared = 0;
    for (const auto& g : c.grades()) {
        std::vector<double> h(n), b(n), j(n), km(n), loss(n);
        std::vector<PointStatus> status(n);
        const auto summary = working_points(g, {t, pc, ha, {}, {}}, {h, b, j, km, loss, status});
        CHECK(summary.points == n);
        const auto envelope = temperature_envelope(g);
        for (std::size_t i = 0; i < n; ++i) {
            const auto temp = units::kelvin_point(t[i]);
            if (!envelope.contains(temp)) {
                CHECK(status[i] == PointStatus::outside_envelope);
                CHECK(std::isnan(loss[i]));
                continue;
            }
            const auto w = working_point(g, temp, LoadLine{pc[i], ha[i] * units::ampere_per_metre});
            INFO(g.name << " at " << t[i] << " K, Pc " << pc[i] << ", Ha " << ha[i]);
            CHECK(close(h[i], w.working_field.value()));
            CHECK(close(b[i], w.flux_density.value()));
            CHECK(close(j[i], w.polarization.value()));
            CHECK(close(km[i], w.knee_margin.value()));
            CHECK(close(loss[i], w.irreversible_loss));
            CHECK((status[i] == PointStatus::extrapolated) == is_extrapolated(g, temp));
            ++compared;
        }
    }
    CHECK(compared > 100 * n);
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
