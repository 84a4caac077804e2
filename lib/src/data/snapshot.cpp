#include "data/snapshot.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "magsel/error.hpp"

namespace magsel::detail {
namespace {

// Bump when the layout changes (any field added to Grade or its parts). 9: the reader's
// warnings (BuiltinData::warnings), for cache entries of user grade files (grade_cache.hpp).
constexpr std::string_view magic = "magsel-snapshot-9";

// ---- writing -------------------------------------------------------------------------------
struct Writer {
    std::string out;
    void raw(const void* p, std::size_t n) { out.append(static_cast<const char*>(p), n); }
};
void put(Writer& w, std::uint64_t v) { w.raw(&v, sizeof v); }
void put(Writer& w, double v) { w.raw(&v, sizeof v); }
void put(Writer& w, bool v) { put(w, std::uint64_t{v ? 1u : 0u}); }
void put(Writer& w, int v) { put(w, static_cast<std::uint64_t>(static_cast<std::int64_t>(v))); }
void put(Writer& w, const std::string& s) {
    put(w, std::uint64_t{s.size()});
    w.raw(s.data(), s.size());
}
template <class U>
void put(Writer& w, const boost::units::quantity<U>& q) { put(w, q.value()); }
template <class T>
void put(Writer& w, const std::optional<T>& o) {
    put(w, o.has_value());
    if (o) put(w, *o);
}
template <class T>
void put(Writer& w, const std::vector<T>& v) {
    put(w, std::uint64_t{v.size()});
    for (const auto& x : v) put(w, x);
}
void put(Writer& w, const Source& s) {
    for (const auto* f : {&s.id, &s.title, &s.publisher, &s.url, &s.document, &s.date, &s.retrieved, &s.notes}) put(w, *f);
}
template <class Q>
void put(Writer& w, const Rated<Q>& r) {
    put(w, r.min), put(w, r.typ), put(w, r.max), put(w, r.source_id), put(w, r.estimated);
}
template <class Q>
void put(Writer& w, const Sourced<Q>& s) {
    put(w, s.value), put(w, static_cast<int>(s.origin)), put(w, s.source_id), put(w, s.estimated);
}
void put(Writer& w, const TemperatureCoefficients& c) {
    put(w, c.remanence_per_kelvin), put(w, c.coercivity_per_kelvin), put(w, c.range_low), put(w, c.range_high);
    put(w, c.source_id), put(w, c.estimated);
}
void put(Writer& w, const TemperaturePoint& p) {
    put(w, p.temperature), put(w, p.remanence), put(w, p.intrinsic_coercivity), put(w, p.source_id);
}
void put(Writer& w, const RelativeTemperatureModel& m) {
    put(w, m.coefficients), put(w, m.low), put(w, m.high), put(w, static_cast<int>(m.kind));
    put(w, m.rms_residual), put(w, std::uint64_t{m.point_count});
}
void put(Writer& w, const HeavyRareEarth& h) {
    put(w, h.dy_tb_fraction), put(w, h.estimated), put(w, h.note), put(w, h.tb_share);
}
void put(Writer& w, const HreFreeStatement& h) {
    put(w, static_cast<int>(h.basis)), put(w, h.source_id), put(w, h.note);
}
void put(Writer& w, const RecycledContent& c) { put(w, c.fraction), put(w, c.basis), put(w, c.source_id); }
void put(Writer& w, const ElementFraction& e) { put(w, e.element), put(w, e.fraction); }
void put(Writer& w, const Composition& c) {
    put(w, c.elements), put(w, c.estimated), put(w, c.note), put(w, c.source_id), put(w, static_cast<int>(c.origin));
    put(w, c.heavy_rare_earth_replaces), put(w, c.dy_share);
}
void put(Writer& w, const MeasuredCurve& c) {
    put(w, c.temperature), put(w, c.field), put(w, c.polarization), put(w, c.normal_curve), put(w, c.minimum);
    put(w, c.source_id);
}
void put(Writer& w, const PhysicalLimit& l) {
    put(w, l.temperature), put(w, l.source_id), put(w, l.estimated), put(w, l.note);
}
void put(Writer& w, const Grade& g) {
    put(w, g.name), put(w, g.aliases), put(w, static_cast<int>(g.family)), put(w, g.process), put(w, g.series);
    put(w, g.file), put(w, g.line), put(w, g.source), put(w, g.other_sources), put(w, g.builtin);
    put(w, g.remanence), put(w, g.intrinsic_coercivity), put(w, g.normal_coercivity), put(w, g.energy_product);
    put(w, g.coefficients), put(w, g.temperature_points), put(w, g.remanence_model), put(w, g.coercivity_model);
    put(w, g.recoil_permeability), put(w, g.squareness), put(w, g.density), put(w, g.measured_curves);
    put(w, g.max_operating_temperature), put(w, g.curie_temperature), put(w, g.heavy_rare_earth), put(w, g.hre_free_statement);
    put(w, g.composition), put(w, g.recycled_content), put(w, g.notes);
    put(w, g.curie_limit), put(w, g.spin_reorientation_limit);
}
void put(Writer& w, const FamilyDefaults& d) {
    put(w, static_cast<int>(d.family)), put(w, d.recoil_permeability), put(w, d.squareness), put(w, d.density);
    put(w, d.composition), put(w, d.sources), put(w, d.file), put(w, d.curie), put(w, d.spin_reorientation);
}

void put(Writer& w, const MaterialPrice& p) {
    put(w, p.key), put(w, p.per_kg), put(w, p.quoted), put(w, p.date), put(w, p.source), put(w, p.estimated);
    put(w, p.scenario), put(w, p.market), put(w, p.fallback);
}
void put(Writer& w, const Market& m) { put(w, m.id), put(w, m.name), put(w, m.notes); }
void put(Writer& w, const FamilyCost& c) {
    put(w, c.yield), put(w, c.processing), put(w, c.date), put(w, c.source), put(w, c.estimated);
}
void put(Writer& w, const SupplyList& l) {
    put(w, l.id), put(w, l.name), put(w, l.kind), put(w, l.jurisdiction), put(w, l.date), put(w, l.status);
    put(w, l.elements), put(w, l.source);
}

// ---- reading -------------------------------------------------------------------------------
struct Reader {
    std::string_view in;
    void raw(void* p, std::size_t n) {
        if (n > in.size()) throw Error("the built-in grade snapshot is truncated (rebuild magsel)");
        std::memcpy(p, in.data(), n);
        in.remove_prefix(n);
    }
};
void get(Reader& r, std::uint64_t& v) { r.raw(&v, sizeof v); }
void get(Reader& r, double& v) { r.raw(&v, sizeof v); }
void get(Reader& r, bool& v) {
    std::uint64_t x = 0;
    get(r, x);
    v = x != 0;
}
void get(Reader& r, int& v) {
    std::uint64_t x = 0;
    get(r, x);
    v = static_cast<int>(static_cast<std::int64_t>(x));
}
void get(Reader& r, std::size_t& v, std::size_t limit) {
    std::uint64_t x = 0;
    get(r, x);
    if (x > limit) throw Error("the built-in grade snapshot is corrupt (rebuild magsel)");
    v = static_cast<std::size_t>(x);
}
void get(Reader& r, std::string& s) {
    std::size_t n = 0;
    get(r, n, r.in.size());
    s.assign(r.in.data(), n);
    r.in.remove_prefix(n);
}
template <class U>
void get(Reader& r, boost::units::quantity<U>& q) {
    double v = 0.0;
    get(r, v);
    q = boost::units::quantity<U>::from_value(v);
}
template <class T>
void get(Reader& r, std::optional<T>& o) {
    bool has = false;
    get(r, has);
    if (!has) {
        o.reset();
        return;
    }
    T v{};
    get(r, v);
    o = std::move(v);
}
template <class T>
void get(Reader& r, std::vector<T>& v) {
    // every element takes at least 8 bytes; the vector grows as elements are read, so a corrupt
    // count ends in "truncated", not in one huge allocation
    std::size_t n = 0;
    get(r, n, r.in.size() / 8);
    v.clear();
    v.reserve(std::min<std::size_t>(n, 1024));
    for (std::size_t i = 0; i < n; ++i) {
        T x{};
        get(r, x);
        v.push_back(std::move(x));
    }
}
/// An enum stored as its integer; `count` is the number of its values (a value beyond them is
/// corrupt data, never an enum holding no enumerator).
template <class E>
void get_enum(Reader& r, E& e, int count) {
    int v = 0;
    get(r, v);
    if (v < 0 || v >= count) throw Error("the built-in grade snapshot is corrupt (rebuild magsel)");
    e = static_cast<E>(v);
}
void get_enum(Reader& r, Family& e) { get_enum(r, e, static_cast<int>(all_families().size())); }
void get_enum(Reader& r, HreFreeBasis& e) { get_enum(r, e, 3); }
void get_enum(Reader& r, ValueOrigin& e) { get_enum(r, e, 2); }
void get_enum(Reader& r, RelativeTemperatureModel::Kind& e) { get_enum(r, e, 2); }
void get(Reader& r, Source& s) {
    for (auto* f : {&s.id, &s.title, &s.publisher, &s.url, &s.document, &s.date, &s.retrieved, &s.notes}) get(r, *f);
}
template <class Q>
void get(Reader& r, Rated<Q>& x) {
    get(r, x.min), get(r, x.typ), get(r, x.max), get(r, x.source_id), get(r, x.estimated);
}
template <class Q>
void get(Reader& r, Sourced<Q>& s) {
    get(r, s.value), get_enum(r, s.origin), get(r, s.source_id), get(r, s.estimated);
}
void get(Reader& r, TemperatureCoefficients& c) {
    get(r, c.remanence_per_kelvin), get(r, c.coercivity_per_kelvin), get(r, c.range_low), get(r, c.range_high);
    get(r, c.source_id), get(r, c.estimated);
}
void get(Reader& r, TemperaturePoint& p) {
    get(r, p.temperature), get(r, p.remanence), get(r, p.intrinsic_coercivity), get(r, p.source_id);
}
void get(Reader& r, RelativeTemperatureModel& m) {
    get(r, m.coefficients), get(r, m.low), get(r, m.high), get_enum(r, m.kind);
    get(r, m.rms_residual), get(r, m.point_count, r.in.size() + 1000000);
}
void get(Reader& r, HeavyRareEarth& h) {
    get(r, h.dy_tb_fraction), get(r, h.estimated), get(r, h.note), get(r, h.tb_share);
}
void get(Reader& r, HreFreeStatement& h) { get_enum(r, h.basis), get(r, h.source_id), get(r, h.note); }
void get(Reader& r, RecycledContent& c) { get(r, c.fraction), get(r, c.basis), get(r, c.source_id); }
void get(Reader& r, ElementFraction& e) { get(r, e.element), get(r, e.fraction); }
void get(Reader& r, Composition& c) {
    get(r, c.elements), get(r, c.estimated), get(r, c.note), get(r, c.source_id), get_enum(r, c.origin);
    get(r, c.heavy_rare_earth_replaces), get(r, c.dy_share);
}
void get(Reader& r, MeasuredCurve& c) {
    get(r, c.temperature), get(r, c.field), get(r, c.polarization), get(r, c.normal_curve), get(r, c.minimum);
    get(r, c.source_id);
}
void get(Reader& r, PhysicalLimit& l) {
    get(r, l.temperature), get(r, l.source_id), get(r, l.estimated), get(r, l.note);
}
void get(Reader& r, Grade& g) {
    get(r, g.name), get(r, g.aliases), get_enum(r, g.family), get(r, g.process), get(r, g.series);
    get(r, g.file), get(r, g.line), get(r, g.source), get(r, g.other_sources), get(r, g.builtin);
    get(r, g.remanence), get(r, g.intrinsic_coercivity), get(r, g.normal_coercivity), get(r, g.energy_product);
    get(r, g.coefficients), get(r, g.temperature_points), get(r, g.remanence_model), get(r, g.coercivity_model);
    get(r, g.recoil_permeability), get(r, g.squareness), get(r, g.density), get(r, g.measured_curves);
    get(r, g.max_operating_temperature), get(r, g.curie_temperature), get(r, g.heavy_rare_earth), get(r, g.hre_free_statement);
    get(r, g.composition), get(r, g.recycled_content), get(r, g.notes);
    get(r, g.curie_limit), get(r, g.spin_reorientation_limit);
}
void get(Reader& r, FamilyDefaults& d) {
    get_enum(r, d.family), get(r, d.recoil_permeability), get(r, d.squareness), get(r, d.density);
    get(r, d.composition), get(r, d.sources), get(r, d.file), get(r, d.curie), get(r, d.spin_reorientation);
}

void get(Reader& r, MaterialPrice& p) {
    get(r, p.key), get(r, p.per_kg), get(r, p.quoted), get(r, p.date), get(r, p.source), get(r, p.estimated);
    get(r, p.scenario), get(r, p.market), get(r, p.fallback);
}
void get(Reader& r, Market& m) { get(r, m.id), get(r, m.name), get(r, m.notes); }
void get(Reader& r, FamilyCost& c) {
    get(r, c.yield), get(r, c.processing), get(r, c.date), get(r, c.source), get(r, c.estimated);
}
void get(Reader& r, SupplyList& l) {
    get(r, l.id), get(r, l.name), get(r, l.kind), get(r, l.jurisdiction), get(r, l.date), get(r, l.status);
    get(r, l.elements), get(r, l.source);
}

}  // namespace

/// Reads and writes the private parts of the price table and supply lists.
struct SnapshotAccess {
    static void put_prices(Writer& w, const PriceTable& t) {
        put(w, t.currency_), put(w, t.markets_), put(w, t.default_market_), put(w, t.selected_market_);
        put(w, t.quotes_), put(w, t.materials_);
        put(w, std::uint64_t{t.family_costs_.size()});
        for (const auto& [family, cost] : t.family_costs_) put(w, static_cast<int>(family)), put(w, cost);
    }
    static PriceTable get_prices(Reader& r) {
        PriceTable t;
        get(r, t.currency_), get(r, t.markets_), get(r, t.default_market_), get(r, t.selected_market_);
        get(r, t.quotes_), get(r, t.materials_);
        std::size_t n = 0;
        get(r, n, 64);
        for (std::size_t i = 0; i < n; ++i) {
            Family f{};
            get_enum(r, f);
            get(r, t.family_costs_[f]);
        }
        return t;
    }
    static void put_supply(Writer& w, const SupplyData& d) {
        put(w, d.lists_);
        put(w, std::uint64_t{d.weights_.size()});
        for (const auto& [kind, weight] : d.weights_) put(w, kind), put(w, weight);
    }
    static SupplyData get_supply(Reader& r) {
        SupplyData d;
        get(r, d.lists_);
        std::size_t n = 0;
        get(r, n, 64);
        for (std::size_t i = 0; i < n; ++i) {
            std::string kind;
            double weight = 0.0;
            get(r, kind), get(r, weight);
            d.weights_[kind] = weight;
        }
        return d;
    }
};

std::string_view snapshot_format() { return magic; }

std::string write_snapshot(const BuiltinData& data) {
    Writer w;
    w.out.append(magic);
    std::vector<FamilyDefaults> defaults;
    for (const auto& [family, d] : data.defaults) defaults.push_back(d);
    put(w, defaults);
    put(w, data.grades);
    put(w, data.prices.has_value());
    if (data.prices) SnapshotAccess::put_prices(w, *data.prices);
    put(w, data.supply.has_value());
    if (data.supply) SnapshotAccess::put_supply(w, *data.supply);
    put(w, data.warnings);
    return std::move(w.out);
}

BuiltinData read_snapshot(std::string_view bytes) {
    BuiltinData data;
    if (bytes.empty()) return data;  // the snapshot tool's own (empty) catalogue
    if (bytes.substr(0, magic.size()) != magic)
        throw Error("the built-in grade snapshot has another version (rebuild magsel)");
    Reader r{bytes.substr(magic.size())};
    std::vector<FamilyDefaults> defaults;
    get(r, defaults);
    for (auto& d : defaults) data.defaults[d.family] = std::move(d);
    get(r, data.grades);
    bool has = false;
    get(r, has);
    if (has) data.prices = SnapshotAccess::get_prices(r);
    get(r, has);
    if (has) data.supply = SnapshotAccess::get_supply(r);
    get(r, data.warnings);
    if (!r.in.empty()) throw Error("the built-in grade snapshot has trailing bytes (rebuild magsel)");
    return data;
}

}  // namespace magsel::detail
