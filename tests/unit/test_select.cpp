// Evaluating grades against requirements and ranking them: each check's verdict and numbers
// against hand calculations, ranking by weights, the Pareto mark, and JUnit output.
#include <catch2/catch.hpp>

#include "magsel/junit.hpp"
#include "magsel/select.hpp"

using namespace magsel;
using Catch::Matchers::Contains;

namespace {
const std::string data = MAGSEL_TEST_DATA;
Catalogue grades() {
    auto c = Catalogue::empty();
    c.add_file(data + "/good/economics/ndfeb-economics.yaml");
    c.add_file(data + "/good/economics/ferrite-economics.yaml");
    return c;
}
PriceTable prices() { return PriceTable::load(data + "/good/economics-lists/prices-simple.yaml"); }
SupplyData supply() { return SupplyData::load(data + "/good/economics-lists/supply-simple.yaml"); }
Requirement requirement(const std::string& extra) {
    return parse_requirement("name: test\napplication: motor\ntemperature: {min: 20 degC, max: 150 degC}\n" + extra,
                             "test.yaml");
}
const CheckResult& only_failure(const Evaluation& e) {
    REQUIRE(e.first_failure() != nullptr);
    return *e.first_failure();
}
}  // namespace

TEST_CASE("constraint checks reject with their numbers", "[select]") {
    const auto c = grades();
    const auto p = prices();
    const auto s = supply();
    const auto& rich = c.find("TEST-DYRICH");
    const auto& free = c.find("TEST-HREFREE");

    auto e = evaluate(c.find("TEST-FERRITE"), requirement("constraints: {families: [sintered-ndfeb]}"), p, s, true);
    CHECK(only_failure(e).check == Check::family);
    CHECK_THAT(only_failure(e).message, Contains("family ferrite is not among sintered-ndfeb"));

    e = evaluate(rich, requirement("constraints: {heavy_rare_earth_free: true}"), p, s, true);
    CHECK(only_failure(e).check == Check::heavy_rare_earth_free);
    CHECK(evaluate(free, requirement("constraints: {heavy_rare_earth_free: true}"), p, s, true).passes);

    e = evaluate(rich, requirement("constraints: {max_dy_tb: 2 %}"), p, s, true);
    CHECK(only_failure(e).check == Check::max_dy_tb);
    CHECK(only_failure(e).value == Approx(9.0));
    CHECK(only_failure(e).limit == Approx(2.0));

    e = evaluate(rich, requirement("constraints: {exclude_elements: [Tb]}"), p, s, true);
    CHECK_THAT(only_failure(e).message, Contains("Tb (1.0 wt %)"));
    e = evaluate(rich, requirement("constraints: {exclude_elements: [export-controlled]}"), p, s, true);
    CHECK_THAT(only_failure(e).message, Contains("Dy (export-controlled)"));
    CHECK(evaluate(free, requirement("constraints: {exclude_elements: [export-controlled, Co]}"), p, s, true).passes);
    e = evaluate(free, requirement("constraints: {exclude_elements: [Nd]}"), p, s, true);  // PrNd holds Nd
    CHECK(only_failure(e).check == Check::exclude_elements);

    // costs by hand (test_economics.cpp): HRE-free 54.6625, Dy-rich 87.1625 USD/kg
    e = evaluate(rich, requirement("constraints: {max_cost: 60 USD/kg}"), p, s, true);
    CHECK(only_failure(e).check == Check::max_cost);
    CHECK(only_failure(e).value == Approx(87.1625));
    CHECK(evaluate(free, requirement("constraints: {max_cost: 60 USD/kg}"), p, s, true).passes);

    e = evaluate(free, requirement("constraints: {min_recycled_content: 10 %}"), p, s, true);
    CHECK_THAT(only_failure(e).message, Contains("recycled content unknown"));
    CHECK_THAT(only_failure(e).message, Contains("user grade file"));

    e = evaluate(free, requirement("constraints: {require_rated_temperature: true}"), p, s, true);
    CHECK_THAT(only_failure(e).message, Contains("no rated maximum temperature"));
}

namespace {
Catalogue hre_free_grades() {
    auto c = grades();
    c.add_file(data + "/good/hre-free/hre-free-bases.yaml");
    return c;
}
}  // namespace

TEST_CASE("heavy-rare-earth-free: every basis, and what each grade rests on", "[select][hre-free]") {
    const auto c = hre_free_grades();
    CHECK(hre_free_basis(c.find("TEST-STATED")) == HreFreeBasis::stated);
    CHECK(hre_free_basis(c.find("TEST-ESTIMATED")) == HreFreeBasis::estimated);
    CHECK(hre_free_basis(c.find("TEST-NCLASS")) == HreFreeBasis::composition);    // Dy + Tb 0 %
    CHECK(hre_free_basis(c.find("TEST-FERRITE")) == HreFreeBasis::composition);   // no Dy/Tb in its composition
    CHECK_FALSE(hre_free_basis(c.find("TEST-DY")).has_value());
    CHECK_FALSE(hre_free_basis(c.find("TEST-DYRICH")).has_value());

    const auto r = requirement("constraints: {heavy_rare_earth_free: true}");
    const auto p = prices();
    const auto s = supply();
    auto e = evaluate(c.find("TEST-STATED"), r, p, s, true);
    REQUIRE(e.passes);
    CHECK_THAT(e.checks.front().message, Contains("stated by Test Magnetics"));
    e = evaluate(c.find("TEST-ESTIMATED"), r, p, s, true);
    REQUIRE(e.passes);
    CHECK_THAT(e.checks.front().message, Contains("estimated (the process is said to need none)"));
    e = evaluate(c.find("TEST-FERRITE"), r, p, s, true);
    REQUIRE(e.passes);
    CHECK_THAT(e.checks.front().message, Contains("basis: composition"));
    e = evaluate(c.find("TEST-DY"), r, p, s, true);
    CHECK(only_failure(e).check == Check::heavy_rare_earth_free);
    CHECK(only_failure(e).value == Approx(3.0));
}

TEST_CASE("heavy_rare_earth_free in the built-in catalogue: ferrite and SmCo qualify", "[select][hre-free]") {
    // The small case: -20...100 degC, Pc 2, no opposing field, HRE-free only.
    const auto c = Catalogue::builtin();
    const auto r = parse_requirement("name: t\napplication: motor\ntemperature: {min: -20 degC, max: 100 degC}\n"
                                     "demagnetization: {permeance_coefficient: 2, opposing_field: 0 kA/m}\n"
                                     "constraints: {heavy_rare_earth_free: true}\n",
                                     "t.yaml");
    const auto result = match(c, r, PriceTable::builtin(), SupplyData::builtin());
    std::size_t ferrite = 0, smco = 0, dy_bearing = 0;
    for (const auto& cand : result.candidates) {
        ferrite += cand.evaluation.grade->family == Family::ferrite;
        smco += cand.evaluation.grade->family == Family::smco5 || cand.evaluation.grade->family == Family::sm2co17;
        dy_bearing += cand.evaluation.exposure.dy_tb_fraction > 0.0;
    }
    INFO(result.candidates.size() << " qualify: " << ferrite << " ferrite, " << smco << " SmCo");
    CHECK(ferrite >= 10);
    CHECK(smco >= 4);
    CHECK(dy_bearing == 0);
}

TEST_CASE("export_controlled_free keeps ferrite and Dy-free NdFeB, drops SmCo and Dy grades", "[select][hre-free]") {
    const auto c = hre_free_grades();
    const auto r = requirement("constraints: {export_controlled_free: true}");
    const auto p = prices();
    const auto s = supply();  // test lists: Dy and Tb under export control
    CHECK(evaluate(c.find("TEST-FERRITE"), r, p, s, true).passes);
    CHECK(evaluate(c.find("TEST-STATED"), r, p, s, true).passes);
    auto e = evaluate(c.find("TEST-DYRICH"), r, p, s, true);
    CHECK(only_failure(e).check == Check::export_controlled_free);
    CHECK_THAT(only_failure(e).message, Contains("Dy, Tb"));
    // built-in lists: Sm is export-controlled since April 2025
    const auto b = Catalogue::builtin();
    const auto builtin_supply = SupplyData::builtin();
    e = evaluate(b.find("YXG-28H"), r, PriceTable::builtin(), builtin_supply, true);
    CHECK(only_failure(e).check == Check::export_controlled_free);
    CHECK_THAT(only_failure(e).message, Contains("Sm"));
    CHECK(evaluate(b.find("Y30BH"), r, PriceTable::builtin(), builtin_supply, true).passes);
}

TEST_CASE("min_recycled_content: a stated share passes or fails, unknown fails with how to add it", "[select][recycled]") {
    const auto c = hre_free_grades();
    const auto p = prices();
    const auto s = supply();
    const auto r = requirement("constraints: {min_recycled_content: 25 %}");
    auto e = evaluate(c.find("TEST-STATED"), r, p, s, true);  // 30 % stated
    REQUIRE(e.passes);
    CHECK_THAT(e.checks.front().message, Contains("30 % stated by Test Recycling"));
    e = evaluate(c.find("TEST-ESTIMATED"), r, p, s, true);  // 10 % stated
    CHECK(only_failure(e).check == Check::min_recycled_content);
    CHECK(only_failure(e).value == Approx(10.0));
    CHECK(only_failure(e).limit == Approx(25.0));
    e = evaluate(c.find("TEST-NCLASS"), r, p, s, true);  // nothing stated: unknown, not 0 %
    CHECK_THAT(only_failure(e).message, Contains("recycled content unknown"));
}

TEST_CASE("min_remanence holds at every temperature: hand calculation", "[select][physics]") {
    // TEST-HREFREE: Br 1.40 T min, α −0.11 %/K: Br(150 °C) = 1.40·(1 − 0.0011·130) = 1.1998 T
    const auto c = grades();
    const auto& g = c.find("TEST-HREFREE");
    auto e = evaluate(g, requirement("performance: {min_remanence: 1.2 T}"), prices(), supply(), true);
    CHECK(only_failure(e).check == Check::min_remanence);
    CHECK(only_failure(e).value == Approx(1.1998).epsilon(1e-9));
    CHECK(units::to_celsius(e.remanence_worst_temperature) == Approx(150.0));
    CHECK(evaluate(g, requirement("performance: {min_remanence: 1.19 T}"), prices(), supply(), true).passes);
}

TEST_CASE("the loss check is the worst point over the range, with the field where it applies", "[select][physics]") {
    const auto c = grades();
    const auto& g = c.find("TEST-HREFREE");
    const auto r = requirement("demagnetization: {permeance_coefficient: 2, opposing_field: 500 kA/m}");
    const auto e = evaluate(g, r, prices(), supply(), false);
    const auto direct = worst_over_range(g, units::celsius(20.0), units::celsius(150.0),
                                         LoadLine{2.0, 500e3 * units::ampere_per_metre});
    REQUIRE(e.worst_point);
    CHECK(e.worst_point->irreversible_loss == Approx(direct.worst.irreversible_loss));
    CHECK(units::to_celsius(e.worst_temperature) == Approx(150.0));
    CHECK(e.checks.back().check == Check::irreversible_loss);
    CHECK(e.checks.back().passed == (direct.worst.irreversible_loss <= 0.01));
    // the same field only at 20 °C: the hot end sees Pc alone, so the loss can only fall
    const auto cold_only = evaluate(
        g, requirement("demagnetization: {permeance_coefficient: 2, opposing_field: 500 kA/m, opposing_field_at: [20 degC]}"),
        prices(), supply(), false);
    CHECK(cold_only.worst_point->irreversible_loss <= e.worst_point->irreversible_loss);
    // a safety margin multiplies the field: 10 % on 500 kA/m is 550 kA/m
    const auto margin = evaluate(
        g, requirement("demagnetization: {permeance_coefficient: 2, opposing_field: 500 kA/m, safety_margin: 10 %}"),
        prices(), supply(), false);
    CHECK(margin.worst_point->load_line.opposing_field.value() == Approx(550e3));
}

TEST_CASE("check evaluates every check, match stops at the first failure", "[select]") {
    const auto c = grades();
    const auto r = requirement("performance: {min_remanence: 1.5 T}\nconstraints: {max_dy_tb: 1 %, max_cost: 10 USD/kg}");
    const auto all = evaluate(c.find("TEST-DYRICH"), r, prices(), supply(), false);
    CHECK(all.checks.size() == 3);
    CHECK_FALSE(all.passes);
    const auto first = evaluate(c.find("TEST-DYRICH"), r, prices(), supply(), true);
    CHECK(first.checks.size() == 1);
}

TEST_CASE("ranking follows the weights, and the Pareto mark", "[select][ranking]") {
    const auto c = grades();
    // All three pass an empty requirement. Cost alone: ferrite (3.06) < HRE-free (54.7) < Dy-rich (87.2).
    auto r = requirement("ranking: {performance: 0, demag_margin: 0, cost: 1, supply_risk: 0}");
    auto m = match(c, r, prices(), supply());
    REQUIRE(m.candidates.size() == 4);  // TEST-DERIVED too
    CHECK(m.candidates.front().evaluation.grade->name == "TEST-FERRITE");
    // cost sub-score 1 − log10(USD/kg)/3, by hand: ferrite 1 − log10(3.05732)/3 = 1 − 0.485342/3
    // = 0.838219; Dy-rich 1 − log10(87.1625)/3 = 1 − 1.940330/3 = 0.353223
    CHECK(m.candidates.front().score == Approx(0.838219).margin(1e-6));
    CHECK(m.candidates.back().evaluation.grade->name == "TEST-DYRICH");
    CHECK(m.candidates.back().score == Approx(0.353223).margin(1e-6));
    // Performance alone: the highest Br at 150 °C first (HRE-free: 1.1998 T)
    r = requirement("ranking: {performance: 1, demag_margin: 0, cost: 0, supply_risk: 0}");
    m = match(c, r, prices(), supply());
    CHECK(m.candidates.front().evaluation.grade->name == "TEST-HREFREE");
    // The ferrite is cheapest and least exposed: Pareto-optimal; the HRE-free grade has the best
    // Br: Pareto-optimal. TEST-DERIVED is worse than TEST-HREFREE in Br, cost and supply risk.
    for (const auto& cand : m.candidates) {
        CAPTURE(cand.evaluation.grade->name);
        if (cand.evaluation.grade->name == "TEST-FERRITE" || cand.evaluation.grade->name == "TEST-HREFREE")
            CHECK(cand.pareto);
        if (cand.evaluation.grade->name == "TEST-DERIVED") CHECK_FALSE(cand.pareto);
    }
}

TEST_CASE("JUnit XML: one testsuite per file, escaped, with counts", "[select][junit]") {
    const auto xml = junit_xml({JUnitSuite{"a.yaml", {JUnitCase{"min_remanence", "N45SH", {}, {}},
                                                      JUnitCase{"irreversible_loss", "N45SH", std::string("loss 3 % > 1 % <hot>"), {}}},
                                          {{"temperature_margin_K", "27.5"}, {"note", "a<b"}}},
                                JUnitSuite{"b.yaml", {JUnitCase{"read", "b.yaml", {}, std::string("bad & broken")}}, {}}});
    CHECK_THAT(xml, Contains("<property name=\"temperature_margin_K\" value=\"27.5\"/>"));
    CHECK_THAT(xml, Contains("<property name=\"note\" value=\"a&lt;b\"/>"));
    CHECK_THAT(xml, Contains("<testsuites name=\"magsel check\" tests=\"3\" failures=\"1\" errors=\"1\">"));
    CHECK_THAT(xml, Contains("<testsuite name=\"a.yaml\" tests=\"2\" failures=\"1\" errors=\"0\">"));
    CHECK_THAT(xml, Contains("loss 3 % &gt; 1 % &lt;hot&gt;"));
    CHECK_THAT(xml, Contains("bad &amp; broken"));
}
