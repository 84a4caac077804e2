// The validity envelope (envelope.hpp): magsel does not compute beyond a material's physical
// limits. The limits and their sources are data (grades/families/*.yaml, `limits`):
//   - sintered NdFeB, N class: Curie temperature 310 °C (supermagnete.de FAQ "What is the maximum
//     temperature for super magnets?", undated, read 2026-12-06; cross-check: Sugiyama et al.,
//     arXiv:1905.00207 (2019), about 582 K = 309 °C on sintered Nd2Fe14B);
//   - Nd2Fe14B spin reorientation at about 135 K = −138.15 °C (e-Magnets UK, "Neodymium
//     Temperature Ratings", undated, read 2026-12-06: "a fall in output of up to 15 %");
//   - a grade whose source states its own Curie temperature keeps it (Horizon Magnets YXG-28H,
//     825 °C, grades/sm2co17.yaml; C7 ceramic ferrite 460 °C, grades/ferrite-us-ceramic.yaml).
#include <catch2/catch.hpp>

#include <algorithm>

#include "magsel/catalogue.hpp"
#include "magsel/demag.hpp"
#include "magsel/envelope.hpp"
#include "magsel/load_case.hpp"
#include "magsel/requirement.hpp"
#include "magsel/select.hpp"
#include "magsel/study.hpp"

using namespace magsel;
using Approx = Catch::Detail::Approx;

TEST_CASE("N42 at -196 degC is below the spin reorientation (135 K)", "[envelope]") {
    const auto c = Catalogue::builtin();
    const auto& n42 = c.find("N42");
    const auto v = envelope_violation(n42, units::celsius(-196.0));
    REQUIRE(v);
    CHECK(v->kind == LimitKind::spin_reorientation);
    CHECK(v->limit.value() == Approx(135.0));
    CHECK_THAT(v->message, Catch::Contains("135 K") && Catch::Contains("e-Magnets UK"));
    CHECK_THROWS_WITH(require_within_envelope(n42, units::celsius(-196.0)), Catch::Contains("spin-reorientation"));
    // −138 °C = 135.15 K is just inside
    CHECK_FALSE(envelope_violation(n42, units::celsius(-138.0)));
}

TEST_CASE("N42 at 320 and 330 degC is above its Curie temperature (310 degC)", "[envelope]") {
    const auto c = Catalogue::builtin();
    const auto& n42 = c.find("N42");
    for (double t : {310.0, 320.0, 330.0}) {
        CAPTURE(t);
        const auto v = envelope_violation(n42, units::celsius(t));
        REQUIRE(v);
        CHECK(v->kind == LimitKind::curie);
        CHECK(units::to_celsius(v->limit) == Approx(310.0));
        CHECK_THAT(v->message, Catch::Contains("310 °C") && Catch::Contains("supermagnete.de"));
    }
    CHECK_FALSE(envelope_violation(n42, units::celsius(309.0)));  // extrapolated, with a warning, but computed
}

TEST_CASE("a grade's own Curie temperature replaces its family's", "[envelope]") {
    const auto c = Catalogue::builtin();
    const auto& smco = c.find("YXG-28H");
    REQUIRE(smco.curie_limit);
    CHECK(units::to_celsius(smco.curie_limit->temperature) == Approx(825.0));
    CHECK_FALSE(smco.spin_reorientation_limit);  // Sm2Co17 has none in magsel's data
    const auto& c7 = c.find("C7");
    REQUIRE(c7.curie_limit);
    CHECK(units::to_celsius(c7.curie_limit->temperature) == Approx(460.0));  // family ferrite: 450
    // every built-in grade has a Curie limit, every NdFeB grade a spin-reorientation limit
    for (const auto& g : c.grades()) {
        CAPTURE(g.name);
        CHECK(g.curie_limit);
        CHECK(g.spin_reorientation_limit.has_value() == is_ndfeb(g.family));
    }
}

TEST_CASE("a cryogenic requirement does not pass N42: check validity", "[envelope]") {
    const auto r = parse_requirement("name: cryogenic\napplication: motor\n"
                                     "temperature: {min: -200 degC, max: 20 degC}\n"
                                     "demagnetization: {permeance_coefficient: 2}\n",
                                     "cryo.yaml");
    const auto c = Catalogue::builtin();
    const auto& n42 = c.find("N42");
    const auto load = load_case(r);
    const auto at = evaluate_point(n42, load, load.points.front());  // −200 °C
    REQUIRE(at.failed);
    CHECK(*at.failed == Check::validity);
    CHECK(to_string(Check::validity) == "validity");
    REQUIRE(at.outside_envelope);
    CHECK(at.outside_envelope->kind == LimitKind::spin_reorientation);
    CHECK_FALSE(passes_everywhere(n42, load, {}));
    // the −135 °C point (138 K) is inside and computed
    const auto inside = evaluate_point(n42, load, LoadPoint{units::celsius(-135.0), true});
    CHECK_FALSE(inside.failed);
    // match: N42 is not a candidate; Sm2Co17 (no spin reorientation in magsel's data) is
    const auto m = match(c, r, PriceTable::builtin(), SupplyData::builtin());
    const auto named = [&](const char* name) {
        return std::any_of(m.candidates.begin(), m.candidates.end(),
                           [&](const Candidate& x) { return x.evaluation.grade->name == name; });
    };
    CHECK_FALSE(named("N42"));
    CHECK(named("YXG-28H"));
}

TEST_CASE("a sweep 20-400 degC stops N42 below 310 degC, Y30BH and YXG-28H run on", "[envelope]") {
    const auto c = Catalogue::builtin();
    const std::vector<const Grade*> grades{&c.find("N42"), &c.find("Y30BH"), &c.find("YXG-28H")};
    SweepSpec spec;
    spec.values = SweepRange<units::Temperature>{units::celsius(20.0), units::celsius(400.0)};
    spec.steps = 39;  // every 10 K
    spec.load = LoadLine{2.0, 0.0 * units::ampere_per_metre};
    const auto rows = sweep(grades, spec);
    auto hottest = [&](const Grade* g) {
        double t = -1e9;
        std::size_t n = 0;
        for (const auto& row : rows)
            if (row.grade == g) t = std::max(t, units::to_celsius(row.point.temperature)), ++n;
        return std::pair{t, n};
    };
    CHECK(hottest(grades[0]).first == Approx(300.0));  // 310 °C and above dropped (Curie 310 °C)
    CHECK(hottest(grades[0]).second == 29u);
    CHECK(hottest(grades[1]).first == Approx(400.0));  // ferrite: Curie 450 °C
    CHECK(hottest(grades[2]).first == Approx(400.0));  // Sm2Co17: 825 °C
    // a field sweep at a temperature beyond the envelope is refused
    spec.values = SweepRange<units::FieldStrength>{0.0 * units::ampere_per_metre, 1e5 * units::ampere_per_metre};
    spec.temperature = units::celsius(330.0);
    CHECK_THROWS_WITH(sweep({grades[0]}, spec), Catch::Contains("Curie"));
}

TEST_CASE("the highest temperature within a loss limit stays below the Curie temperature", "[envelope]") {
    const auto c = Catalogue::builtin();
    // N48SH (sintered, family Curie 310 °C): the search range −60…400 °C crosses it
    const auto r = max_temperature_within_loss(c.find("N48SH"), LoadLine{50.0, 0.0 * units::ampere_per_metre}, 0.5);
    REQUIRE(r.temperature);
    CHECK(units::to_celsius(*r.temperature) < 310.0);
    CHECK(r.limited);
}
