// The temperature model against hand calculations (linear coefficients, fitted points,
// extrapolation), and the min/typ bases.
#include <catch2/catch.hpp>

#include "magsel/catalogue.hpp"
#include "magsel/thermal.hpp"

using namespace magsel;
using Catch::Matchers::Contains;

namespace {
Catalogue test_grades() {
    auto c = Catalogue::empty();
    c.add_file(std::string(MAGSEL_TEST_DATA) + "/good/crlf-bom.yaml");
    c.add_file(std::string(MAGSEL_TEST_DATA) + "/good/temperature-points.yaml");
    return c;
}
bool any_contains(const std::vector<std::string>& v, const std::string& part) {
    for (const auto& s : v)
        if (s.find(part) != std::string::npos) return true;
    return false;
}
}  // namespace

TEST_CASE("linear coefficients: Br(T) = Br20·(1 + α·ΔT), Hcj(T) = Hcj20·(1 + β·ΔT)", "[thermal]") {
    // T48SH: Br min 1.37 T, Hcj min 1592 kA/m, α −0.12 %/K, β −0.55 %/K over 20…150 °C.
    const auto c = test_grades();
    const auto& g = c.find("T48SH");
    const auto p = properties_at(g, units::celsius(150.0), Basis::minimum);
    CHECK(p.remanence.value() == Approx(1.37 * (1.0 - 0.0012 * 130.0)).epsilon(1e-12));           // 1.15628 T
    CHECK(p.intrinsic_coercivity.value() == Approx(1592e3 * (1.0 - 0.0055 * 130.0)).epsilon(1e-12));  // 453.7 kA/m
    CHECK_FALSE(p.extrapolated);
    CHECK(p.warnings.empty());
    const auto p20 = properties_at(g, units::celsius(20.0));
    CHECK(p20.remanence.value() == Approx(1.37));
    CHECK(p20.knee_field.value() == Approx(0.95 * 1592e3));  // the family default squareness 0.95
}

TEST_CASE("outside the stated range the value is extrapolated, with a warning", "[thermal]") {
    const auto c = test_grades();
    const auto& g = c.find("T48SH");
    const auto p = properties_at(g, units::celsius(180.0));
    CHECK(p.extrapolated);
    CHECK(any_contains(p.warnings, "extrapolated"));
    CHECK(p.remanence.value() == Approx(1.37 * (1.0 - 0.0012 * 160.0)));
    // Hcj·(1 − 0.0055·230) < 0 at 250 °C: held at the floor, and said so
    const auto hot = properties_at(g, units::celsius(250.0));
    CHECK(hot.intrinsic_coercivity.value() == Approx(0.01 * 1592e3));
    CHECK(any_contains(hot.warnings, "beyond the model"));
}

TEST_CASE("the typical basis uses typ values and says when one is missing", "[thermal][basis]") {
    const auto c = test_grades();
    const auto& g = c.find("T48SH");
    const auto p = properties_at(g, units::celsius(20.0), Basis::typical);
    CHECK(p.remanence.value() == Approx(1.40));
    CHECK(p.intrinsic_coercivity.value() == Approx(1592e3));  // no typ published: the minimum
    CHECK(any_contains(p.warnings, "Hcj: no typical value is published"));
    CHECK(basis_from_string("typ") == Basis::typical);
    CHECK_THROWS(basis_from_string("median"));
}

TEST_CASE("published points: a quadratic where the data curve, linear where they do not", "[thermal][fit]") {
    // QUAD-TEST's Hcj points follow 1700·(1 − 0.006·ΔT + 1e-5·ΔT²) kA/m exactly; Br is linear.
    const auto c = test_grades();
    const auto& g = c.find("QUAD-TEST");
    REQUIRE(g.coercivity_model.kind == RelativeTemperatureModel::Kind::fitted_points);
    CHECK(g.coercivity_model.coefficients.size() == 3);
    CHECK(g.coercivity_model.coefficients[2] == Approx(1e-5).epsilon(1e-6));
    const auto p = properties_at(g, units::celsius(100.0), Basis::typical);
    CHECK(p.intrinsic_coercivity.value() == Approx(992.8e3).epsilon(1e-9));
    CHECK(p.remanence.value() == Approx(1.2312).epsilon(1e-9));
    // beyond the last point (180 °C): the tangent there, 1700·(0.296 − 0.0028·20) = 408 kA/m
    const auto hot = properties_at(g, units::celsius(200.0), Basis::typical);
    CHECK(hot.extrapolated);
    CHECK(hot.intrinsic_coercivity.value() == Approx(408e3).epsilon(1e-9));
}

TEST_CASE("ferrite coercivity falls in the cold, NdFeB coercivity falls in the heat", "[thermal]") {
    const auto c = Catalogue::builtin();
    const auto& ferrite = c.find("Y30BH");
    CHECK(properties_at(ferrite, units::celsius(-40.0)).intrinsic_coercivity <
          properties_at(ferrite, units::celsius(20.0)).intrinsic_coercivity);
    const auto& ndfeb = c.find("N42SH");
    CHECK(properties_at(ndfeb, units::celsius(150.0)).intrinsic_coercivity <
          properties_at(ndfeb, units::celsius(20.0)).intrinsic_coercivity);
}

TEST_CASE("every built-in grade gives finite properties from -60 to 300 °C", "[thermal][property]") {
    const auto c = Catalogue::builtin();
    for (const auto& g : c.grades()) {
        for (double t = -60.0; t <= 300.0; t += 20.0) {
            const auto p = properties_at(g, units::celsius(t));
            CAPTURE(g.name, t);
            REQUIRE(std::isfinite(p.remanence.value()));
            REQUIRE(p.remanence.value() > 0.0);
            REQUIRE(std::isfinite(p.max_energy_product.value()));
            REQUIRE(p.knee_field.value() > 0.0);
            REQUIRE(p.normal_coercivity <= p.intrinsic_coercivity);
        }
    }
}
