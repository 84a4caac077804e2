// magsel/economics.hpp — what a grade costs and what it exposes you to.
//
// Material cost per kg of magnet = yield × Σ (mass fraction × price per kg of element),
// plus the family's processing cost per kg; part cost = mass × cost per kg. Prices, yields and
// processing costs come from a dated, sourced price table (grades/prices.yaml, or --prices);
// export-control and critical-material lists from grades/supply.yaml. docs/economics.md
// explains the model and its limits: an estimate from public prices, not a quote.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "magsel/grade.hpp"

namespace magsel {

namespace detail {
struct SnapshotAccess;  // the build-time snapshot of the built-in tables (snapshot.cpp)
}

/// A market a price table quotes (China domestic, Europe ...): docs/economics.md.
struct Market {
    std::string id;     ///< "china-domestic", "europe"
    std::string name;   ///< "China domestic spot, ex-works"
    std::string notes;
};

/// One raw-material price, converted to USD per kg of the element.
struct MaterialPrice {
    std::string key;                 ///< element or "PrNd"
    units::MoneyPerMass per_kg;      ///< USD per kg of the element (metal basis)
    std::string quoted;              ///< as the source quotes it: "667500 CNY/t, oxide"
    std::string date;
    Source source;
    std::string estimated;           ///< non-empty: how it was estimated
    std::string scenario;            ///< non-empty: changed by --price ("×2", "+100 %", "set to 95 USD/kg")
    std::string market;              ///< the market of this quote (a Market id)
    /// non-empty: the selected market has no quote for this key, so this is the default market's
    /// price instead ("no europe quote: china-domestic price")
    std::string fallback;
};

/// A family's yield factor or processing cost with its provenance.
struct FamilyCost {
    double yield = 1.0;                                  ///< kg bought per kg of finished magnet
    units::MoneyPerMass processing = 0.0 * units::usd_per_kilogram;
    std::string date;
    Source source;
    std::string estimated;
};

class PriceTable {
public:
    /// The built-in table (grades/prices.yaml at build time).
    static PriceTable builtin();
    /// A price file (format: docs/economics-file-format.md); InputError with file:line:col.
    static PriceTable load(const std::string& path);
    /// A price file's text, called `name` in messages (as load() reads it; for tests and fuzzing).
    static PriceTable parse(const std::string& text, const std::string& name);

    /// Price with the quotes of market `id` (a key it has no quote for keeps the default market's
    /// price, marked `fallback`). UsageError naming the markets when `id` is unknown. Discards
    /// scenario edits: select the market first, then apply().
    void select_market(std::string_view id);

    /// A scenario edit: "Dy=+100%", "Tb=2x", "PrNd=95USD/kg", "Dy=-30%". UsageError when malformed
    /// or the key has no price.
    void apply(std::string_view edit);

    /// The prices of the selected market, one per key.
    const MaterialPrice* find(std::string_view key) const;
    const std::vector<MaterialPrice>& materials() const { return materials_; }
    const FamilyCost* family_cost(Family f) const;
    const std::string& currency() const { return currency_; }

    /// Every market of the file (a file without `markets:` has one, `default`); the first is
    /// the default unless the file names `default_market`.
    const std::vector<Market>& markets() const { return markets_; }
    const Market& market() const;            ///< the selected market
    const Market& default_market() const;

private:
    friend struct detail::SnapshotAccess;
    const Market* find_market(std::string_view id) const;
    std::string currency_ = "USD";
    std::vector<Market> markets_;
    std::string default_market_;
    std::string selected_market_;
    std::vector<MaterialPrice> quotes_;      ///< every quote of every market
    std::vector<MaterialPrice> materials_;   ///< the selected market's prices (with fallbacks)
    std::map<Family, FamilyCost> family_costs_;
};

/// The price an element of a composition is costed at: its own key, else PrNd for Pr and Nd;
/// nullptr when it has none.
const MaterialPrice* price_for_element(const PriceTable& prices, std::string_view element);

/// The key a scenario edit names ("Tb" of "Tb=2x"); UsageError when it has no `=`.
std::string price_edit_key(std::string_view edit);

/// Whether the price of `key` enters the cost of `grade` (an element of its composition with a
/// fraction above 0 is costed at that key).
bool price_enters_cost(const Grade& grade, const PriceTable& prices, std::string_view key);

/// The scenario edits that move the cost of none of `grades` (so the CLI can say so).
std::vector<std::string> edits_moving_no_cost(const std::vector<const Grade*>& grades, const PriceTable& prices,
                                              const std::vector<std::string>& edits);

/// One line of a cost breakdown: an element's share of the material cost.
struct CostLine {
    std::string element;
    double fraction = 0.0;                 ///< mass fraction in the magnet
    std::optional<MaterialPrice> price;    ///< empty: no price (oxygen, binder): counted as 0
    units::MoneyPerMass contribution;      ///< yield × fraction × price, per kg of magnet
};

struct CostBreakdown {
    std::vector<CostLine> lines;
    double yield = 1.0;
    units::MoneyPerMass material;    ///< Σ contributions [USD/kg]
    units::MoneyPerMass processing;  ///< [USD/kg]
    units::MoneyPerMass total;       ///< material + processing [USD/kg]
    std::string price_date;          ///< the oldest price date used
    std::string market;              ///< the id of the market priced (PriceTable::market())
    std::string market_name;
    bool composition_estimated = true;
    std::vector<std::string> warnings;
};

/// Cost per kg of `grade` under `prices`. Throws UsageError when the grade has no composition.
CostBreakdown cost_per_kg(const Grade& grade, const PriceTable& prices);

/// Part cost: mass × cost per kg.
units::Money part_cost(const CostBreakdown& cost, units::Mass mass);
/// Mass from volume × the grade's density.
units::Mass mass_of(const Grade& grade, units::Volume volume);

/// An export-control or critical-material list.
struct SupplyList {
    std::string id, name, kind, jurisdiction, date, status;
    std::vector<std::string> elements;
    Source source;
};

class SupplyData {
public:
    static SupplyData builtin();
    /// A supply-list file (grades/supply.yaml's format); InputError with file:line:col.
    static SupplyData load(const std::string& path);
    /// A supply-list file's text, called `name` in messages (as load() reads it; for tests and fuzzing).
    static SupplyData parse(const std::string& text, const std::string& name);
    const std::vector<SupplyList>& lists() const { return lists_; }
    /// The risk weight of a list kind (export-control 1.0, critical-raw-material 0.25 by default).
    double weight(std::string_view kind) const;

private:
    friend struct detail::SnapshotAccess;
    std::vector<SupplyList> lists_;
    std::map<std::string, double, std::less<>> weights_;
};

struct SupplyExposure {
    double dy_tb_fraction = 0.0;               ///< Dy + Tb mass fraction
    bool dy_tb_estimated = true;
    bool hre_free = false;                     ///< is_hre_free(grade): no Dy, no Tb (any basis)
    std::vector<std::string> controlled;       ///< elements under an in-force export control
    std::vector<std::string> critical;         ///< elements on an in-force critical-material list
    /// Σ over elements of mass fraction × the largest weight of the in-force lists naming it
    /// ("controlled-equivalent mass fraction", 0…1; docs/economics.md).
    double supply_risk = 0.0;
};

SupplyExposure supply_exposure(const Grade& grade, const SupplyData& supply);

}  // namespace magsel
