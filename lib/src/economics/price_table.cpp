// The price table: reading a price file, markets, --price edits (magsel/economics.hpp).
#include "magsel/economics.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <regex>
#include <utility>

#include <fmt/format.h>

#include "data/builtin_data.hpp"
#include "data/source_reader.hpp"
#include "data/yaml_reader.hpp"
#include "magsel/error.hpp"
#include "magsel/quantity_parser.hpp"

namespace magsel {
namespace {

using detail::YamlDocument;
using detail::YamlValue;

Family read_family_name(const YamlValue& v) {
    if (auto f = family_from_string(v.text())) return *f;
    v.fail(fmt::format("unknown family `{}`", v.text()));
}

const std::vector<Source>& check(const std::vector<Source>& sources, const YamlValue& item, std::string& id_out) {
    if (auto id = item.find("source")) {
        id_out = id->text();
        detail::check_source_id(*id, id_out, sources);
    }
    return sources;
}

// The bounds of every number a price file gives and every price derived from one (docs/errors.md):
// wide enough for any real quote, narrow enough that no cost overflows, underflows to 0 or turns
// negative.
constexpr double min_price_usd_per_kg = 1e-6, max_price_usd_per_kg = 1e7;  // per kg of element
constexpr double min_usd_per_unit = 1e-9, max_usd_per_unit = 1e6;           // exchange rates
constexpr double max_processing_usd_per_kg = 1e5;
constexpr std::size_t max_price_text = 64;  // characters of a price or a --price value

/// A number the price-file regexes matched: finite, or a located error (never std::stod's
/// out_of_range).
double matched_number(const std::string& digits, const YamlValue& v) {
    double value = 0.0;
    const char* first = digits.data() + (digits.starts_with('+') ? 1 : 0);
    const auto [ptr, ec] = std::from_chars(first, digits.data() + digits.size(), value);
    if (ec != std::errc{} || ptr != digits.data() + digits.size() || !std::isfinite(value))
        v.fail(fmt::format("`{}` is out of the range of numbers magsel reads", digits));
    return value;
}

std::string price_range_text() {
    return fmt::format("magsel takes prices between {:g} and {:g} USD/kg", min_price_usd_per_kg, max_price_usd_per_kg);
}

/// "667500 CNY/t" with the exchange rates → USD per kg (of the quoted form).
double parse_price(const YamlValue& v, const std::map<std::string, double>& usd_per_unit) {
    static const std::regex pattern(R"(\s*([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*([A-Z]{3})\s*/\s*([A-Za-z]+)\s*)");
    const auto text = v.text();
    std::smatch m;
    // std::regex recurses per character: a long string would overflow the stack (a crash the
    // fuzzer found). No price is longer than a few dozen characters.
    if (text.size() > max_price_text || !std::regex_match(text, m, pattern))
        v.fail(fmt::format("expected a price like `667500 CNY/t` or `85 USD/kg`, found `{}`", text));
    const double value = matched_number(m[1], v);
    const std::string currency = m[2];
    double rate = 1.0;
    if (currency != "USD") {
        const auto it = usd_per_unit.find(currency);
        if (it == usd_per_unit.end()) v.fail(fmt::format("no exchange rate for {} in `exchange_rates`", currency));
        rate = it->second;
    }
    double kg = 0.0;
    try {
        kg = parse_quantity("1 " + std::string(m[3]), Dimension::mass);
    } catch (const UnitError& e) {
        v.fail(e.what());
    }
    if (!(value > 0.0)) v.fail("a price must be positive");
    return value * rate / kg;  // bounded: the caller checks the price per kg of element
}

std::vector<std::string> market_ids(const std::vector<Market>& markets) {
    std::vector<std::string> ids;
    for (const auto& m : markets) ids.push_back(m.id);
    return ids;
}

}  // namespace

// ---- price table -------------------------------------------------------------------------------

PriceTable PriceTable::parse(const std::string& text, const std::string& name) {
    const auto doc = YamlDocument::parse(text, name);
    const auto root = doc->root();
    root.check_keys({"currency", "source", "sources", "notes", "exchange_rates", "markets", "default_market", "materials",
                     "yield", "processing"});
    PriceTable t;
    const auto currency = root.require("currency");
    if (currency.text() != "USD") currency.fail("magsel reports costs in USD: `currency: USD`");
    const auto sources = detail::read_sources(root);

    std::map<std::string, double> rates;
    if (auto list = root.find("exchange_rates")) {
        for (const auto& item : list->items()) {
            item.check_keys({"currency", "usd", "date", "source", "estimated"});
            const auto code = item.require("currency");
            const double usd = item.require("usd").number();
            if (!(usd > 0.0)) item.require("usd").fail("an exchange rate must be positive");
            if (!(usd >= min_usd_per_unit && usd <= max_usd_per_unit))
                item.require("usd").fail(fmt::format("an exchange rate is between {:g} and {:g} USD per unit",
                                                     min_usd_per_unit, max_usd_per_unit));
            detail::read_date(item.require("date"), true);
            std::string id;
            check(sources, item, id);
            if (code.text() == "USD") code.fail("USD needs no exchange rate (it is the currency of every cost)");
            if (!rates.emplace(code.text(), usd).second)
                code.fail(fmt::format("a second exchange rate for {}", code.text()));
        }
    }
    // markets: an optional list; without it the file has one market, `default`
    if (auto list = root.find("markets")) {
        for (const auto& item : list->items()) {
            item.check_keys({"id", "name", "notes", "source"});
            const auto id = item.require("id");
            if (t.find_market(id.text())) id.fail(fmt::format("a second market `{}`", id.text()));
            if (id.text().empty() || id.text().find_first_of(" \t=,") != std::string::npos)
                id.fail("a market id is one word, e.g. `europe`");
            Market m{id.text(), item.require("name").text(), {}};
            if (auto n = item.find("notes")) m.notes = n->text();
            std::string source_id;
            check(sources, item, source_id);
            t.markets_.push_back(std::move(m));
        }
        if (t.markets_.empty()) list->fail("`markets` lists at least one market");
    } else {
        t.markets_.push_back({"default", "the only market of the price file (it has no `markets:`)", {}});
    }
    t.default_market_ = t.markets_.front().id;
    if (auto d = root.find("default_market")) {
        if (!t.find_market(d->text())) d->fail(fmt::format("unknown market `{}`; the file's markets: {}", d->text(),
                                                           fmt::join(market_ids(t.markets_), ", ")));
        t.default_market_ = d->text();
    }
    for (const auto& item : root.require("materials").items()) {
        item.check_keys({"key", "market", "price", "form", "metal_fraction", "date", "source", "estimated", "notes"});
        MaterialPrice p;
        const auto key = item.require("key");
        p.key = key.text();
        if (!detail::is_known_element(p.key)) key.fail(fmt::format("unknown element `{}`", p.key));
        p.market = t.default_market_;
        if (auto m = item.find("market")) {
            if (!root.find("markets")) m->fail("`market:` needs a `markets:` list at the top of the file");
            if (!t.find_market(m->text()))
                m->fail(fmt::format("unknown market `{}`; the file's markets: {}", m->text(),
                                    fmt::join(market_ids(t.markets_), ", ")));
            p.market = m->text();
        }
        for (const auto& q : t.quotes_)
            if (q.key == p.key && q.market == p.market)
                key.fail(t.markets_.size() > 1 ? fmt::format("a second price for `{}` in the market `{}`", p.key, p.market)
                                               : fmt::format("a second price for `{}`", p.key));
        const auto form = item.require("form").text();
        double fraction = 1.0;
        if (auto f = item.find("metal_fraction")) {
            fraction = f->number();
            if (!(fraction > 0.0 && fraction <= 1.0)) f->fail("`metal_fraction` is in (0, 1]");
        } else if (form != "metal") {
            item.fail("a quote for an oxide or compound needs `metal_fraction` (kg of element per kg quoted)");
        }
        const auto price = item.require("price");
        const double per_kg = parse_price(price, rates) / fraction;
        if (!(per_kg >= min_price_usd_per_kg && per_kg <= max_price_usd_per_kg))
            price.fail(fmt::format("this comes to {:g} USD per kg of {}; {}", per_kg, p.key, price_range_text()));
        p.per_kg = per_kg * units::usd_per_kilogram;
        p.quoted = fmt::format("{}, {}", price.text(), form);
        p.date = detail::read_date(item.require("date"), true);
        std::string id;
        check(sources, item, id);
        p.source = detail::find_source(sources, id);
        if (auto e = item.find("estimated")) p.estimated = e->text();
        t.quotes_.push_back(std::move(p));
    }
    t.select_market(t.default_market_);
    std::map<Family, bool> yield_seen, processing_seen;
    if (auto list = root.find("yield")) {
        for (const auto& item : list->items()) {
            item.check_keys({"family", "factor", "date", "source", "estimated", "notes"});
            const auto family = item.require("family");
            if (std::exchange(yield_seen[read_family_name(family)], true))
                family.fail(fmt::format("a second yield for {}", family.text()));
            auto& c = t.family_costs_[read_family_name(family)];
            c.yield = item.require("factor").number();
            if (!(c.yield >= 1.0 && c.yield <= 5.0)) item.require("factor").fail("a yield factor is between 1 and 5");
        }
    }
    if (auto list = root.find("processing")) {
        for (const auto& item : list->items()) {
            item.check_keys({"family", "cost", "date", "source", "estimated", "notes"});
            const auto family = item.require("family");
            if (std::exchange(processing_seen[read_family_name(family)], true))
                family.fail(fmt::format("a second processing cost for {}", family.text()));
            auto& c = t.family_costs_[read_family_name(family)];
            const auto cost = item.require("cost");
            const double usd = cost.quantity(Dimension::money_per_mass);
            if (!(usd >= 0.0 && usd <= max_processing_usd_per_kg))
                cost.fail(fmt::format("a processing cost is between 0 and {:g} USD/kg", max_processing_usd_per_kg));
            c.processing = usd * units::usd_per_kilogram;
            if (auto d = item.find("date")) c.date = detail::read_date(*d, true);
            std::string id;
            check(sources, item, id);
            c.source = detail::find_source(sources, id);
            if (auto e = item.find("estimated")) c.estimated = e->text();
        }
    }
    return t;
}

PriceTable PriceTable::builtin() {
    const auto& table = detail::builtin_data().prices;
    if (!table) throw UsageError("this build has no built-in price table (grades/prices.yaml)");
    return *table;
}

PriceTable PriceTable::load(const std::string& path) { return parse(detail::read_input_file(path, path), path); }

const MaterialPrice* PriceTable::find(std::string_view key) const {
    for (const auto& m : materials_)
        if (m.key == key) return &m;
    return nullptr;
}

const Market* PriceTable::find_market(std::string_view id) const {
    for (const auto& m : markets_)
        if (m.id == id) return &m;
    return nullptr;
}

const Market& PriceTable::market() const {
    const auto* m = find_market(selected_market_);
    if (m == nullptr) throw Error("price table without a selected market");
    return *m;
}

const Market& PriceTable::default_market() const {
    const auto* m = find_market(default_market_);
    if (m == nullptr) throw Error("price table without a default market");
    return *m;
}

void PriceTable::select_market(std::string_view id) {
    if (!find_market(id))
        throw UsageError(fmt::format("unknown market `{}`; the price table's markets: {}", id,
                                     fmt::join(market_ids(markets_), ", ")));
    selected_market_ = std::string(id);
    materials_.clear();
    // the default market's keys in file order, then keys quoted only in other markets
    std::vector<std::string> keys;
    for (const auto& q : quotes_)
        if (std::find(keys.begin(), keys.end(), q.key) == keys.end()) keys.push_back(q.key);
    for (const auto& key : keys) {
        const MaterialPrice* here = nullptr;
        const MaterialPrice* fallback = nullptr;
        for (const auto& q : quotes_) {
            if (q.key != key) continue;
            if (q.market == selected_market_) here = &q;
            if (q.market == default_market_) fallback = &q;
        }
        if (here) {
            materials_.push_back(*here);
        } else if (fallback) {
            materials_.push_back(*fallback);
            materials_.back().fallback = fmt::format("no {} quote: {} price", selected_market_, default_market_);
        }
        // a key quoted only in another market has no price here
    }
}

const FamilyCost* PriceTable::family_cost(Family f) const {
    const auto it = family_costs_.find(f);
    return it == family_costs_.end() ? nullptr : &it->second;
}

void PriceTable::apply(std::string_view edit) {
    const std::string key = price_edit_key(edit);
    std::string value(edit.substr(key.size() + 1));
    value.erase(std::remove(value.begin(), value.end(), ' '), value.end());
    MaterialPrice* m = nullptr;
    for (auto& p : materials_)
        if (p.key == key) m = &p;
    if (m == nullptr) {
        std::vector<std::string> keys;
        for (const auto& p : materials_) keys.push_back(p.key);
        throw UsageError(fmt::format("`{}`: no price for `{}`; priced: {}", edit, key, fmt::join(keys, ", ")));
    }
    static const std::regex relative(R"(([-+][0-9]*\.?[0-9]+)%)");
    static const std::regex factor(R"(([0-9]*\.?[0-9]+)(x|×))");
    auto number = [&](const std::string& digits) {
        double v = 0.0;
        const char* first = digits.data() + (digits.starts_with('+') ? 1 : 0);
        const auto [ptr, ec] = std::from_chars(first, digits.data() + digits.size(), v);
        if (ec != std::errc{} || ptr != digits.data() + digits.size() || !std::isfinite(v))
            throw UsageError(fmt::format("`{}`: `{}` is out of the range of numbers magsel reads", edit, digits));
        return v;
    };
    std::smatch s;
    if (value.size() > max_price_text)
        throw UsageError(fmt::format("`{}`: the value is +N%, -N%, Nx or a price like 95USD/kg", edit.substr(0, 80)));
    double per_kg = m->per_kg.value();
    std::string scenario;
    if (std::regex_match(value, s, relative)) {
        const double change = number(s[1]) / 100.0;
        if (!(change > -1.0)) throw UsageError(fmt::format("`{}`: a price cannot fall by 100 % or more", edit));
        per_kg *= 1.0 + change;
        scenario = fmt::format("{:+g} %", change * 100.0);
    } else if (std::regex_match(value, s, factor)) {
        const double f = number(s[1]);
        if (!(f > 0.0)) throw UsageError(fmt::format("`{}`: a price factor must be positive", edit));
        per_kg *= f;
        scenario = fmt::format("×{:g}", f);
    } else {
        try {
            const double usd = parse_quantity(value, Dimension::money_per_mass);
            if (!(usd > 0.0)) throw UsageError(fmt::format("`{}`: a price must be positive", edit));
            per_kg = usd;
            scenario = fmt::format("set to {:g} USD/kg", usd);
        } catch (const UnitError&) {
            throw UsageError(fmt::format("`{}`: the value is +N%, -N%, Nx or a price like 95USD/kg", edit));
        }
    }
    // the derived price is bounded as a price read from a file is
    if (!(per_kg >= min_price_usd_per_kg && per_kg <= max_price_usd_per_kg))
        throw UsageError(fmt::format("`{}`: the price of {} comes to {:g} USD/kg; {}", edit, key, per_kg, price_range_text()));
    m->per_kg = per_kg * units::usd_per_kilogram;
    m->scenario = scenario;
}

}  // namespace magsel
