// Requirement files: a good one read field by field, and the bad-input catalogue
// (tests/data/bad/requirements: first line `# expect: LINE:COL: part of the message`).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "bad_file_cases.hpp"
#include "magsel/requirement.hpp"

using namespace magsel;
using Catch::Matchers::Contains;

TEST_CASE("a requirement file reads into typed values in SI", "[requirement]") {
    const auto r = parse_requirement(R"(name: EV rotor
application: motor
notes: test
temperature: {min: -40 degC, max: 302 degF}
basis: typ
temperature_step: 2 K
performance: {min_remanence: 12 kG, min_flux_density: 0.9 T}
demagnetization: {permeance_coefficient: 2.5, opposing_field: 10 kOe, opposing_field_at: [150 degC], safety_margin: 10 %, max_irreversible_loss: 2 %}
constraints: {families: [sintered-ndfeb, smco5], heavy_rare_earth_free: true, max_dy_tb: 3 %, max_cost: 90 USD/kg,
              exclude_elements: [Tb, export-controlled], min_recycled_content: 25 %, require_rated_temperature: true}
magnet: {volume: 120 cm^3}
ranking: {performance: 2, demag_margin: 1, cost: 3, supply_risk: 0}
grade: N45SH
)",
                                     "test.yaml");
    CHECK(r.name == "EV rotor");
    CHECK(units::to_celsius(r.min_temperature) == Approx(-40.0));
    CHECK(units::to_celsius(r.max_temperature) == Approx(150.0));
    CHECK(r.basis == Basis::typical);
    CHECK(r.temperature_step.value() == Approx(2.0));
    CHECK(r.min_remanence->value() == Approx(1.2));
    CHECK(*r.permeance_coefficient == Approx(2.5));
    CHECK(r.opposing_field.value() == Approx(795774.7154594767));  // 10 kOe = 1e7/(4π) A/m
    REQUIRE(r.opposing_field_at.size() == 1);
    CHECK(r.safety_margin == Approx(0.1));
    CHECK(r.max_irreversible_loss == Approx(0.02));
    CHECK(r.families == std::vector<Family>{Family::sintered_ndfeb, Family::smco5});
    CHECK(r.heavy_rare_earth_free);
    CHECK(*r.max_dy_tb == Approx(0.03));
    CHECK(r.max_cost->value() == Approx(90.0));
    CHECK(r.exclude_elements == std::vector<std::string>{"Tb", "export-controlled"});
    CHECK(*r.min_recycled_content == Approx(0.25));
    CHECK(r.require_rated_temperature);
    CHECK(r.magnet_volume->value() == Approx(120e-6));
    CHECK(r.weights.cost == Approx(3.0));
    CHECK(*r.grade == "N45SH");
    CHECK(r.grade_location.line == 13);
}

TEST_CASE("every bad requirement file fails with its message at its line:column", "[requirement][bad-input]") {
    const auto count = check_bad_files(std::filesystem::path(MAGSEL_TEST_DATA) / "bad" / "requirements",
                                       [](const std::string& f) { read_requirement_file(f); });
    CHECK(count >= 20);
}

TEST_CASE("an input file over 10 MiB is refused before parsing", "[requirement][bad-input]") {
    namespace fs = std::filesystem;
    const auto path = fs::temp_directory_path() / "magsel-oversized-requirement.yaml";
    {
        std::ofstream out(path, std::ios::binary);
        out << "name: x\napplication: motor\ntemperature: {min: 20 degC, max: 100 degC}\nnotes: \"";
        out << std::string((10u << 20), 'x') << "\"\n";
    }
    CHECK_THROWS_WITH(read_requirement_file(path.string()), Contains("at most 10 MiB"));
    fs::remove(path);
}
