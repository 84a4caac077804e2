#include "magsel/report/sweep_report.hpp"

#include <fmt/format.h>

#include "magsel/error.hpp"

namespace magsel::report {
namespace {

struct QuantityInfo {
    SweepQuantity quantity;
    std::string_view name;
    const char* label;
    double (*get)(const SweepRow&);  ///< in the label's unit
};

const std::vector<QuantityInfo>& quantities() {
    static const std::vector<QuantityInfo> q{
        {SweepQuantity::loss, "loss", "instantaneous irreversible loss [%]",
         [](const SweepRow& r) { return r.point.irreversible_loss * 100.0; }},
        {SweepQuantity::remanence, "br", "Br [T]", [](const SweepRow& r) { return r.remanence.value(); }},
        {SweepQuantity::intrinsic_coercivity, "hcj", "Hcj [kA/m]",
         [](const SweepRow& r) { return r.intrinsic_coercivity.value() / 1000.0; }},
        {SweepQuantity::flux_density, "b", "working-point B [T]",
         [](const SweepRow& r) { return r.point.flux_density.value(); }},
        {SweepQuantity::knee_margin, "knee-margin", "knee margin [kA/m]",
         [](const SweepRow& r) { return r.point.knee_margin.value() / 1000.0; }},
    };
    return q;
}

const QuantityInfo& info(SweepQuantity q) {
    for (const auto& i : quantities())
        if (i.quantity == q) return i;
    return quantities().front();
}

/// The swept value of a row in the axis's display unit (°C, kA/m, Pc).
double swept_display(const SweepRow& r, SweepVariable v) {
    switch (v) {
        case SweepVariable::temperature: return units::to_celsius(r.point.temperature);
        case SweepVariable::field: return r.point.load_line.opposing_field.value() / 1000.0;
        case SweepVariable::permeance: break;
    }
    return r.point.load_line.permeance_coefficient;
}

const std::vector<std::string>& keys() {
    static const std::vector<std::string> k{"grade",
                                            "temperature_degC",
                                            "permeance_coefficient",
                                            "opposing_field_kA_m",
                                            "remanence_T",
                                            "intrinsic_coercivity_kA_m",
                                            "working_field_kA_m",
                                            "flux_density_T",
                                            "knee_margin_kA_m",
                                            "irreversible_loss_percent",
                                            "extrapolated"};
    return k;
}

}  // namespace

const Schema<SweepRow>& sweep_row_schema() {
    using R = SweepRow;
    static const Schema<R> schema{
        {"grade", "grade", 0, [](const R& r) { return Value(r.grade->name); }},
        {"temperature_degC", "T °C", 1, [](const R& r) { return Value(units::to_celsius(r.point.temperature)); }},
        {"permeance_coefficient", "Pc", 2, [](const R& r) { return Value(r.point.load_line.permeance_coefficient); }},
        {"opposing_field_kA_m", "Ha kA/m", 0,
         [](const R& r) { return Value(r.point.load_line.opposing_field.value() / 1000.0); }},
        {"remanence_T", "Br T", 3, [](const R& r) { return Value(r.remanence.value()); }},
        {"intrinsic_coercivity_kA_m", "Hcj kA/m", 0,
         [](const R& r) { return Value(r.intrinsic_coercivity.value() / 1000.0); }},
        {"working_field_kA_m", "h kA/m", 0, [](const R& r) { return Value(r.point.working_field.value() / 1000.0); }},
        {"flux_density_T", "B T", 3, [](const R& r) { return Value(r.point.flux_density.value()); }},
        {"knee_margin_kA_m", "knee margin kA/m", 0,
         [](const R& r) { return Value(r.point.knee_margin.value() / 1000.0); }},
        {"irreversible_loss_percent", "loss %", 3, [](const R& r) { return Value(r.point.irreversible_loss * 100.0); }},
        {"loss_kind", "loss kind", 0, [](const R&) { return Value(std::string("instantaneous")); }},
        {"extrapolated", "extrapolated", 0, [](const R& r) { return Value(r.point.extrapolated); }},
    };
    return schema;
}

Json sweep_json(const std::vector<SweepRow>& rows) {
    auto out = Json::array();
    for (const auto& r : rows) out.push_back(to_json(sweep_row_schema(), r));
    return out;
}

std::string sweep_csv(const std::vector<SweepRow>& rows) {
    // CSV with 6 significant digits, yes/no flags: as magsel has always written sweeps
    Table t;
    t.header = keys();
    for (const auto& r : rows) {
        std::vector<std::string> row;
        for (const auto& k : keys()) {
            const auto v = field(sweep_row_schema(), k).value(r);
            if (const auto* x = std::get_if<double>(&v))
                row.push_back(fmt::format("{:.6g}", *x));
            else
                row.push_back(display(v, 0));
        }
        t.rows.push_back(std::move(row));
    }
    return render(t, TableFormat::csv);
}

const std::vector<std::string_view>& sweep_quantity_names() {
    static const std::vector<std::string_view> names = [] {
        std::vector<std::string_view> n;
        for (const auto& q : quantities()) n.push_back(q.name);
        return n;
    }();
    return names;
}

SweepQuantity sweep_quantity_from_string(std::string_view name) {
    for (const auto& q : quantities())
        if (q.name == name) return q.quantity;
    throw UsageError(fmt::format("`{}` is not a sweep quantity (one of {})", name, fmt::join(sweep_quantity_names(), ", ")));
}

Plot sweep_plot(const std::vector<SweepRow>& rows, const std::vector<const Grade*>& grades, const SweepSpec& spec,
                SweepQuantity quantity) {
    const auto& q = info(quantity);
    const auto variable = swept_variable(spec);
    Plot plot;
    plot.title = fmt::format("{} vs {}", q.label, to_string(variable));
    plot.x_label = variable == SweepVariable::temperature ? "T [°C]"
                   : variable == SweepVariable::field     ? "opposing field Ha [kA/m]"
                                                          : "permeance coefficient Pc";
    plot.y_label = q.label;
    for (std::size_t i = 0; i < grades.size(); ++i) {
        PlotSeries s{grades[i]->name, plot_color(i), {}, i >= 7, 2.0};
        for (const auto& r : rows)
            if (r.grade == grades[i]) s.points.emplace_back(swept_display(r, variable), q.get(r));
        plot.series.push_back(std::move(s));
    }
    std::vector<std::string> held;
    if (variable != SweepVariable::temperature) held.push_back(fmt::format("{:g} °C", units::to_celsius(spec.temperature)));
    if (variable != SweepVariable::permeance) held.push_back(fmt::format("Pc {:g}", spec.load.permeance_coefficient));
    if (variable != SweepVariable::field)
        held.push_back(fmt::format("opposing field {:g} kA/m", spec.load.opposing_field.value() / 1000.0));
    plot.notes.push_back(fmt::format("{}; {} values; magsel sweep", fmt::join(held, ", "),
                                     spec.basis == Basis::minimum ? "min" : "typ"));
    return plot;
}

std::vector<std::string> sweep_requirement_notes(const std::string& file, const SweepSpec& spec,
                                                 const SweepFromRequirement& taken) {
    std::vector<std::string> parts;
    if (taken.pc) parts.push_back(fmt::format("Pc {:g}", spec.load.permeance_coefficient));
    if (taken.field) {
        const double field = spec.load.opposing_field.value() / 1000.0;
        parts.push_back(taken.safety_margin > 0.0
                            ? fmt::format("opposing field {:g} kA/m ({:g} kA/m + its {:g} % safety margin)", field,
                                          field / (1.0 + taken.safety_margin), taken.safety_margin * 100.0)
                            : fmt::format("opposing field {:g} kA/m", field));
    }
    if (taken.basis) parts.push_back(fmt::format("{} basis", to_string(spec.basis)));
    std::vector<std::string> out;
    if (!parts.empty()) out.push_back(fmt::format("from {}: {}", file, fmt::join(parts, ", ")));
    if (!taken.field_only_at.empty()) {
        std::vector<std::string> at;
        for (const auto& t : taken.field_only_at) at.push_back(fmt::format("{:g} °C", units::to_celsius(t)));
        out.push_back(fmt::format("{}'s opposing field acts only at {} (opposing_field_at): a sweep applies one field "
                                  "at every value, so it is not taken (give --field)",
                                  file, fmt::join(at, ", ")));
    }
    return out;
}

}  // namespace magsel::report
