// Cost and supply exposure against hand calculations with round test prices
// (tests/data/good/economics*/*.yaml), price scenarios, and bad price files.
#include <catch2/catch.hpp>

#include <filesystem>

#include "bad_file_cases.hpp"
#include "magsel/catalogue.hpp"
#include "magsel/economics.hpp"
#include "magsel/error.hpp"

using namespace magsel;
using Catch::Matchers::Contains;

namespace {
const std::string dir = std::string(MAGSEL_TEST_DATA) + "/good/economics/";
const std::string lists = std::string(MAGSEL_TEST_DATA) + "/good/economics-lists/";
Catalogue economics_grades() {
    auto c = Catalogue::empty();
    c.add_file(dir + "ndfeb-economics.yaml");
    c.add_file(dir + "ferrite-economics.yaml");
    return c;
}
PriceTable simple_prices() { return PriceTable::load(lists + "prices-simple.yaml"); }
}  // namespace

TEST_CASE("cost per kg by hand: HRE-free, Dy-rich and ferrite grades", "[economics][cost]") {
    const auto c = economics_grades();
    const auto prices = simple_prices();
    // PrNd 31 %·100 + Fe 68 %·1 + B 1 %·5 = 31.73 USD; × yield 1.25 = 39.6625; + 15 processing
    const auto free = cost_per_kg(c.find("TEST-HREFREE"), prices);
    CHECK(free.material.value() == Approx(39.6625).epsilon(1e-12));
    CHECK(free.total.value() == Approx(54.6625).epsilon(1e-12));
    // Dy oxide 2,000,000 CNY/t · 0.125 USD/CNY / 1000 / 0.8 (Dy in the oxide) = 312.5 USD/kg Dy;
    // 22·100 + 8·312.5 + 1·1000 + 68·1 + 1·5 = 5773 USD per 100 kg → 57.73; × 1.25 = 72.1625; + 15
    const auto rich = cost_per_kg(c.find("TEST-DYRICH"), prices);
    CHECK(prices.find("Dy")->per_kg.value() == Approx(312.5).epsilon(1e-12));
    CHECK(rich.total.value() == Approx(87.1625).epsilon(1e-12));
    CHECK(rich.price_date == "2026");  // the oldest date among the prices used (processing: 2026)
    // Sr 8.25 %·4 + Fe 63.12 %·1 + O (no price) = 0.9612; × 1.1 = 1.05732; + 2
    const auto ferrite = cost_per_kg(c.find("TEST-FERRITE"), prices);
    CHECK(ferrite.total.value() == Approx(3.05732).epsilon(1e-12));
    CHECK(ferrite.warnings.empty());  // oxygen has no price and needs none
    // part cost: 1.6 kg × 54.6625
    CHECK(part_cost(free, 1.6 * units::kilogram).value() == Approx(87.46).epsilon(1e-12));
}

TEST_CASE("the built-in Y30BH costs what its published prices add up to", "[economics][cost]") {
    // grades/prices.yaml: SrCO3 18,500 CNY/t, Fe2O3 3,875 CNY/t, 1 CNY = 0.14170 USD,
    // Sr in SrCO3 0.5935, Fe in Fe2O3 0.6994; ferrite yield 1.10, processing 2.2 USD/kg;
    // family composition Sr 8.25 %, Fe 63.12 %, O 28.63 %.
    const double sr = 18500 * 0.14170 / 1000 / 0.5935, fe = 3875 * 0.14170 / 1000 / 0.6994;
    const double expected = 1.10 * (0.0825 * sr + 0.6312 * fe) + 2.2;
    const auto cost = cost_per_kg(Catalogue::builtin().find("Y30BH"), PriceTable::builtin());
    INFO("Y30BH: " << cost.total.value() << " USD/kg, by hand " << expected);
    CHECK(cost.total.value() == Approx(expected).epsilon(1e-3));
}

TEST_CASE("a grade's Dy + Tb replaces part of the family's PrNd", "[economics][composition]") {
    const auto c = economics_grades();
    const auto& g = c.find("TEST-DERIVED");  // 4 % Dy + Tb, a quarter of it Tb
    REQUIRE(g.composition);
    CHECK(g.composition->origin == ValueOrigin::family_default);
    CHECK(g.composition->fraction_of("Dy") == Approx(0.03));
    CHECK(g.composition->fraction_of("Tb") == Approx(0.01));
    const auto builtin = Catalogue::builtin();
    const auto& n42 = builtin.find("N42");  // same family, no Dy
    CHECK(g.composition->fraction_of("PrNd") == Approx(n42.composition->fraction_of("PrNd") - 0.04));
    double total = 0.0;
    for (const auto& e : g.composition->elements) total += e.fraction;
    CHECK(total == Approx(1.0).margin(0.01));
}

TEST_CASE("price scenarios: factors, percentages, set prices, and the ranking change", "[economics][scenario]") {
    const auto c = economics_grades();
    auto prices = simple_prices();
    prices.apply("Dy=2x");
    // + 1.25 · 8 % · 312.5 = + 31.25 USD/kg
    CHECK(cost_per_kg(c.find("TEST-DYRICH"), prices).total.value() == Approx(87.1625 + 31.25).epsilon(1e-12));
    CHECK(cost_per_kg(c.find("TEST-HREFREE"), prices).total.value() == Approx(54.6625).epsilon(1e-12));
    prices.apply("PrNd=+50%");  // 150 USD/kg: + 1.25 · 31 % · 50 = + 19.375
    CHECK(cost_per_kg(c.find("TEST-HREFREE"), prices).total.value() == Approx(54.6625 + 19.375).epsilon(1e-12));
    prices.apply("PrNd=80USD/kg");
    CHECK(prices.find("PrNd")->per_kg.value() == Approx(80.0));
    CHECK(prices.find("PrNd")->scenario == "set to 80 USD/kg");
    // If Dy and Tb prices collapse, the Dy-rich grade (less PrNd) becomes the cheaper one:
    // Dy 3.125, Tb 10: 1.25·(22 + 0.25 + 0.1 + 0.68 + 0.05) + 15 = 43.85 < 54.6625
    auto collapse = simple_prices();
    CHECK(cost_per_kg(c.find("TEST-DYRICH"), collapse).total > cost_per_kg(c.find("TEST-HREFREE"), collapse).total);
    collapse.apply("Dy=-99%");
    collapse.apply("Tb=0.01x");
    CHECK(cost_per_kg(c.find("TEST-DYRICH"), collapse).total.value() == Approx(43.85).epsilon(1e-12));
    CHECK(cost_per_kg(c.find("TEST-DYRICH"), collapse).total < cost_per_kg(c.find("TEST-HREFREE"), collapse).total);
}

TEST_CASE("bad price edits are usage errors", "[economics][scenario][bad-input]") {
    auto prices = simple_prices();
    CHECK_THROWS_WITH(prices.apply("Dy"), Contains("KEY=VALUE"));
    CHECK_THROWS_WITH(prices.apply("Xx=2x"), Contains("no price for `Xx`"));
    CHECK_THROWS_WITH(prices.apply("Dy=-100%"), Contains("cannot fall by 100 %"));
    CHECK_THROWS_WITH(prices.apply("Dy=cheap"), Contains("+N%"));
    CHECK_THROWS_WITH(prices.apply("Dy=2 T"), Contains("+N%"));
    CHECK_THROWS_AS(prices.apply("Dy=0x"), UsageError);
    // derived prices are range-checked as prices read from a file are; no number ends in std::stod
    CHECK_THROWS_WITH(prices.apply("Dy=+1e308%"), Contains("+N%"));
    CHECK_THROWS_WITH(prices.apply("Dy=" + std::string(400, '9') + "x"), Contains("+N%"));  // longer than any price
    CHECK_THROWS_WITH(prices.apply("Dy=" + std::string(60, '9') + "x"), Contains("comes to 3.125e+62 USD/kg"));
    CHECK_THROWS_WITH(prices.apply("Dy=+" + std::string(60, '9') + "%"), Contains("magsel takes prices between"));
    CHECK_THROWS_WITH(prices.apply("Dy=0.0000000001x"), Contains("magsel takes prices between 1e-06 and 1e+07 USD/kg"));
    CHECK_THROWS_WITH(prices.apply("Dy=1e300USD/kg"), Contains("comes to 1e+300 USD/kg"));
    CHECK(prices.find("Dy")->per_kg.value() == Approx(312.5));  // a refused edit changes nothing
}

TEST_CASE("supply exposure by hand with test lists", "[economics][supply]") {
    const auto c = economics_grades();
    const auto supply = SupplyData::load(lists + "supply-simple.yaml");
    // Dy 8 %·1 + Tb 1 %·1 + PrNd 22 %·0.25 + B 1 %·0.25 (the suspended list naming Nd, Fe does not count)
    const auto rich = supply_exposure(c.find("TEST-DYRICH"), supply);
    CHECK(rich.supply_risk == Approx(0.1475).epsilon(1e-12));
    CHECK(rich.controlled == std::vector<std::string>{"Dy", "Tb"});
    CHECK(rich.critical == std::vector<std::string>{"Pr", "Nd", "B"});
    CHECK(rich.dy_tb_fraction == Approx(0.09));
    const auto free = supply_exposure(c.find("TEST-HREFREE"), supply);
    CHECK(free.supply_risk == Approx(0.08).epsilon(1e-12));  // (31 + 1) %·0.25
    CHECK(free.controlled.empty());
    CHECK(free.hre_free);
    CHECK(supply_exposure(c.find("TEST-FERRITE"), supply).supply_risk == Approx(0.020625).epsilon(1e-12));
}

TEST_CASE("the built-in lists flag Dy in SH grades and Sm in SmCo", "[economics][supply]") {
    const auto c = Catalogue::builtin();
    const auto supply = SupplyData::builtin();
    const auto sh = supply_exposure(c.find("N48SH"), supply);
    CHECK(std::find(sh.controlled.begin(), sh.controlled.end(), "Dy") != sh.controlled.end());
    const auto smco = supply_exposure(c.find("YXG-28H"), supply);
    CHECK(std::find(smco.controlled.begin(), smco.controlled.end(), "Sm") != smco.controlled.end());
    CHECK(smco.supply_risk > sh.supply_risk);
    const auto ferrite = supply_exposure(c.find("Y30BH"), supply);
    CHECK(ferrite.controlled.empty());
}

TEST_CASE("every bad price file fails at its line with its message", "[economics][bad-input]") {
    const auto count = check_bad_files(std::filesystem::path(MAGSEL_TEST_DATA) / "bad" / "prices",
                                       [](const std::string& f) { PriceTable::load(f); });
    CHECK(count >= 15);
}

TEST_CASE("Tb is costed on its own: Tb=2x moves a Tb-bearing grade by yield × fraction × price", "[economics][scenario][tb]") {
    const auto c = economics_grades();
    const auto& g = c.find("TEST-DERIVED");  // Dy + Tb 4 % with tb_share 0.25: Dy 3 %, Tb 1 %
    // test prices (yield 1.25, Tb 1000 USD/kg): Tb=2x adds 1.25 · 0.01 · 1000 = 12.5 USD/kg
    auto prices = simple_prices();
    const auto before = cost_per_kg(g, prices);
    bool dy_line = false, tb_line = false;
    for (const auto& l : before.lines) {
        if (l.element == "Dy") {
            dy_line = true;
            CHECK(l.fraction == Approx(0.03));
        }
        if (l.element == "Tb") {
            tb_line = true;
            CHECK(l.contribution.value() == Approx(12.5).epsilon(1e-12));
        }
    }
    CHECK(dy_line);
    CHECK(tb_line);
    prices.apply("Tb=2x");
    CHECK(cost_per_kg(g, prices).total.value() - before.total.value() == Approx(12.5).epsilon(1e-12));
    // built-in China domestic Tb4O7 6,040,000 CNY/t · 0.14170 USD/CNY / 1000 / 0.8502 = 1006.67 USD/kg Tb;
    // sintered yield 1.35: Tb=2x adds 1.35 · 0.01 · 1006.67 = 13.590 USD/kg
    auto builtin = PriceTable::builtin();
    const double base = cost_per_kg(g, builtin).total.value();
    builtin.apply("Tb=2x");
    CHECK(cost_per_kg(g, builtin).total.value() - base == Approx(13.590).epsilon(1e-3));
}

TEST_CASE("a price edit that moves no grade's cost is reported", "[economics][scenario][tb]") {
    const auto c = economics_grades();
    const auto prices = simple_prices();
    const std::vector<std::string> edits{"Tb=5x", "PrNd=+10%", "Dy=2x"};
    // TEST-HREFREE has PrNd, Fe, B only: Tb and Dy move nothing
    CHECK(edits_moving_no_cost({&c.find("TEST-HREFREE")}, prices, edits) == std::vector<std::string>{"Tb=5x", "Dy=2x"});
    // with the Tb-bearing derived grade every edit moves a cost
    CHECK(edits_moving_no_cost({&c.find("TEST-HREFREE"), &c.find("TEST-DERIVED")}, prices, edits).empty());
    // the ferrite has none of them
    CHECK(edits_moving_no_cost({&c.find("TEST-FERRITE")}, prices, edits).size() == 3);
    CHECK(price_enters_cost(c.find("TEST-DERIVED"), prices, "Tb"));
    CHECK_FALSE(price_enters_cost(c.find("TEST-DERIVED"), prices, "Sr"));
    CHECK_THROWS_AS(edits_moving_no_cost({&c.find("TEST-HREFREE")}, prices, {"Tb"}), UsageError);
}

TEST_CASE("markets: a market's own quotes, the default market's price where it has none", "[economics][market]") {
    const auto c = economics_grades();
    auto prices = PriceTable::load(lists + "prices-markets.yaml");
    REQUIRE(prices.markets().size() == 2);
    CHECK(prices.market().id == "home");
    CHECK(prices.default_market().id == "home");
    // home: PrNd 100, Dy 300, Tb 1000, Fe 1, B 5; yield 1.25, processing 15
    // TEST-HREFREE (PrNd 31, Fe 68, B 1 %): 1.25 · (31 + 0.68 + 0.05) + 15 = 54.6625
    // TEST-DYRICH (PrNd 22, Dy 8, Tb 1, Fe 68, B 1 %): 1.25 · (22 + 24 + 10 + 0.68 + 0.05) + 15 = 85.9125
    CHECK(cost_per_kg(c.find("TEST-HREFREE"), prices).total.value() == Approx(54.6625).epsilon(1e-12));
    CHECK(cost_per_kg(c.find("TEST-DYRICH"), prices).total.value() == Approx(85.9125).epsilon(1e-12));
    CHECK(cost_per_kg(c.find("TEST-DYRICH"), prices).market == "home");
    // abroad: PrNd 120, Dy 800 USD/kg oxide / 0.8 = 1000 USD/kg Dy, Tb (no quote) 1000 from home
    // TEST-HREFREE: 1.25 · (37.2 + 0.73) + 15 = 62.4125
    // TEST-DYRICH: 1.25 · (26.4 + 80 + 10 + 0.73) + 15 = 161.4125
    prices.select_market("abroad");
    CHECK(prices.market().id == "abroad");
    CHECK(prices.find("Dy")->per_kg.value() == Approx(1000.0).epsilon(1e-12));
    CHECK(cost_per_kg(c.find("TEST-HREFREE"), prices).total.value() == Approx(62.4125).epsilon(1e-12));
    const auto rich = cost_per_kg(c.find("TEST-DYRICH"), prices);
    CHECK(rich.total.value() == Approx(161.4125).epsilon(1e-12));
    CHECK(rich.market == "abroad");
    CHECK(rich.market_name == "the market abroad");
    CHECK(rich.price_date == "2025-05-06");  // the abroad Dy quote is the oldest price used
    for (const auto& l : rich.lines) {
        REQUIRE(l.price);
        CAPTURE(l.element);
        if (l.element == "Tb" || l.element == "Fe" || l.element == "B") {
            CHECK(l.price->market == "home");
            CHECK_THAT(l.price->fallback, Contains("no abroad quote"));
        } else {
            CHECK(l.price->market == "abroad");
            CHECK(l.price->fallback.empty());
        }
    }
    // a scenario edit applies to the selected market's price: Dy=2x adds 1.25 · 8 % · 1000 = 100
    prices.apply("Dy=2x");
    CHECK(cost_per_kg(c.find("TEST-DYRICH"), prices).total.value() == Approx(261.4125).epsilon(1e-12));
    CHECK_THROWS_WITH(prices.select_market("europa"), Contains("unknown market `europa`") && Contains("home, abroad"));
    // a file without `markets:` has one market, `default`
    CHECK(simple_prices().market().id == "default");
    CHECK(cost_per_kg(c.find("TEST-HREFREE"), simple_prices()).market == "default");
}

TEST_CASE("the built-in markets: Europe Dy and Tb from the Argus quotes, the rest China domestic", "[economics][market]") {
    auto prices = PriceTable::builtin();
    CHECK(prices.market().id == "china-domestic");
    prices.select_market("europe");
    // Dy2O3 850 USD/kg / 0.8713 = 975.55 USD/kg Dy; Tb4O7 3000 / 0.8502 = 3528.58 USD/kg Tb
    CHECK(prices.find("Dy")->per_kg.value() == Approx(975.55).epsilon(1e-4));
    CHECK(prices.find("Tb")->per_kg.value() == Approx(3528.58).epsilon(1e-4));
    CHECK(prices.find("Co")->market == "china-domestic");
    CHECK_FALSE(prices.find("Co")->fallback.empty());
    prices.select_market("export-fob-china");
    // Dy2O3 FOB 287 USD/kg / 0.8713 = 329.39 USD/kg Dy; Tb has no FOB quote
    CHECK(prices.find("Dy")->per_kg.value() == Approx(329.39).epsilon(1e-4));
    CHECK(prices.find("Tb")->market == "china-domestic");
}

TEST_CASE("the built-in price table equals grades/prices.yaml in every market", "[economics][market][snapshot]") {
    auto file = PriceTable::load(std::string(MAGSEL_GRADES_DIR) + "/prices.yaml");
    auto builtin = PriceTable::builtin();
    REQUIRE(file.markets().size() == builtin.markets().size());
    CHECK(file.default_market().id == builtin.default_market().id);
    for (std::size_t i = 0; i < file.markets().size(); ++i) {
        const auto& id = file.markets()[i].id;
        CAPTURE(id);
        CHECK(builtin.markets()[i].id == id);
        CHECK(builtin.markets()[i].name == file.markets()[i].name);
        file.select_market(id);
        builtin.select_market(id);
        REQUIRE(file.materials().size() == builtin.materials().size());
        for (std::size_t k = 0; k < file.materials().size(); ++k) {
            const auto &a = file.materials()[k], &b = builtin.materials()[k];
            CAPTURE(a.key);
            CHECK(a.key == b.key);
            CHECK(a.per_kg.value() == b.per_kg.value());
            CHECK(a.date == b.date);
            CHECK(a.market == b.market);
            CHECK(a.fallback == b.fallback);
        }
    }
}
