// fit_input.cpp — reading `magsel fit` inputs: CSV tables and YAML files (docs/fit.md), and the
// checks on the data (one unit per column, one sign of H per curve, second quadrant, monotone).
#include <algorithm>
#include <optional>
#include <charconv>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "magsel/fit.hpp"
#include "magsel/quantity_parser.hpp"
#include "data/source_reader.hpp"
#include "data/yaml_reader.hpp"

namespace magsel {
namespace {

/// Digitizing a datasheet plot is good to a few thousandths of a tesla: a curve may dip this
/// far below zero or rise this much between neighbouring points before it counts as bad data.
constexpr double quadrant_tolerance_tesla = 0.005;
constexpr double rise_tolerance_tesla = 0.01;
constexpr std::size_t min_curve_points = 5;  // the knee model has 4 parameters

[[noreturn]] void fail_at(const SourceLocation& where, const std::string& message) { throw InputError(where, message); }

// The bounds of `magsel fit`'s input (docs/errors.md): far above any datasheet, low enough that
// the fit stays fast and the grade file it writes stays far below the 10 MiB input limit.
std::string too_many_rows() {
    return fmt::format("more than {} property rows in all inputs: magsel fits at most {}", max_fit_property_rows,
                       max_fit_property_rows);
}
std::string too_many_curves() {
    return fmt::format("more than {} curves in all inputs: magsel fits at most {}", max_fit_curves, max_fit_curves);
}
std::string too_many_points() {
    return fmt::format("more than {} curve points in all inputs: magsel fits at most {}", max_fit_curve_points,
                       max_fit_curve_points);
}
// What a magnet's datasheet can hold: flux densities up to 3 T, fields up to 10 MA/m,
// temperatures from absolute zero to 1000 °C. Beyond, a number is a typo (and would overflow
// the fit: an infinite residual, a NaN coefficient).
constexpr double max_flux_density_tesla = 3.0, max_field_ampere_per_metre = 10e6, max_temperature_kelvin = 1273.15;
std::optional<std::string> out_of_range(std::string_view name, double si) {
    const bool flux = name == "Br" || name == "B" || name == "J";
    const bool temperature = name == "T";
    const double limit = flux ? max_flux_density_tesla : temperature ? max_temperature_kelvin : max_field_ampere_per_metre;
    if (std::abs(si) <= limit) return std::nullopt;
    if (flux) return fmt::format("{} {:g} T is outside what a magnet's datasheet can hold (at most {:g} T)", name, si, limit);
    if (temperature)
        return fmt::format("T {:g} °C is outside what a magnet's datasheet can hold (at most 1000 °C)",
                           si - units::celsius_zero_in_kelvin);
    return fmt::format("{} {:g} kA/m is outside what a magnet's datasheet can hold (at most {:g} kA/m)", name, si / 1000.0,
                       limit / 1000.0);
}

std::size_t curve_points(const FitData& data) {
    std::size_t n = 0;
    for (const auto& c : data.curves) n += c.points.size();
    return n;
}

std::string trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t");
    return std::string(s.substr(b, e - b + 1));
}

std::string celsius_text(units::Temperature t) { return fmt::format("{:g} °C", units::to_celsius(t)); }

// ---- CSV ------------------------------------------------------------------------------------

/// The columns a CSV table may have, with the dimension of their values.
struct ColumnKind {
    const char* name;
    Dimension dimension;
};
constexpr ColumnKind column_kinds[] = {
    {"T", Dimension::temperature},        {"Br", Dimension::flux_density},     {"Hcj", Dimension::field_strength},
    {"Hk", Dimension::field_strength},    {"Hcb", Dimension::field_strength},  {"H", Dimension::field_strength},
    {"B", Dimension::flux_density},       {"J", Dimension::flux_density},
};

struct Column {
    std::string name;
    Dimension dimension = Dimension::fraction;
    std::string header_unit;  ///< from `Br [T]`; empty: every cell carries its unit
    std::string cell_unit;    ///< the unit the cells carry (the first one seen)
    int cell_unit_line = 0;
    int column = 1;           ///< 1-based character position of the header cell
};

struct Cell {
    std::string text;
    int column = 1;  // 1-based
};

std::vector<Cell> split_csv(const std::string& line) {
    std::vector<Cell> cells;
    std::size_t start = 0;
    while (true) {
        const auto comma = line.find(',', start);
        const auto raw = line.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        const auto lead = raw.find_first_not_of(" \t");
        cells.push_back({trim(raw), static_cast<int>(start + (lead == std::string::npos ? 0 : lead)) + 1});
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return cells;
}

/// The text after a leading number ("1.32 T" → "T", "1.32" → ""); nullopt when it does not
/// start with a number.
std::optional<std::string> unit_after_number(const std::string& cell) {
    const char* begin = cell.data() + (!cell.empty() && cell[0] == '+' ? 1 : 0);
    double x = 0.0;
    const auto [end, ec] = std::from_chars(begin, cell.data() + cell.size(), x);
    if (ec != std::errc()) return std::nullopt;
    std::string unit = trim(std::string_view(end, static_cast<std::size_t>(cell.data() + cell.size() - end)));
    unit.erase(std::remove(unit.begin(), unit.end(), ' '), unit.end());
    return unit;
}

class CsvReader {
public:
    CsvReader(std::string path, FitData& out) : path_(std::move(path)), out_(out) {}

    void read() {
        const auto text = detail::read_input_file(path_, path_);
        std::vector<std::string> lines;
        {
            std::size_t start = 0;
            while (start <= text.size()) {
                auto end = text.find('\n', start);
                if (end == std::string::npos) end = text.size();
                std::string line = text.substr(start, end - start);
                if (!line.empty() && line.back() == '\r') line.pop_back();
                lines.push_back(line);
                start = end + 1;
            }
            if (!lines.empty() && lines.front().rfind("\xEF\xBB\xBF", 0) == 0) lines.front().erase(0, 3);
        }
        bool have_header = false;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const auto t = trim(lines[i]);
            if (t.empty() || t[0] == '#') continue;
            line_no_ = static_cast<int>(i) + 1;
            line_text_ = lines[i];
            if (!have_header) {
                read_header(split_csv(lines[i]));
                have_header = true;
            } else {
                read_row(split_csv(lines[i]));
            }
        }
        if (!have_header) fail_at({path_, 0, 0, {}}, "no header line: expected e.g. `T [degC], Br [T], Hcj [kA/m]`");
        if (rows_ == 0) fail_at({path_, header_line_, 1, header_text_}, "a header but no data rows");
        for (auto& [kelvin, curve] : curves_) out_.curves.push_back(std::move(curve));
    }

private:
    SourceLocation at(int column) const { return {path_, line_no_, column, line_text_}; }

    void read_header(const std::vector<Cell>& cells) {
        header_line_ = line_no_;
        header_text_ = line_text_;
        std::vector<std::string> names;
        for (const auto& k : column_kinds) names.emplace_back(k.name);
        for (const auto& cell : cells) {
            Column c;
            c.column = cell.column;
            std::string name = cell.text;
            if (const auto open = name.find('['); open != std::string::npos) {
                const auto close = name.find(']', open);
                if (close == std::string::npos || trim(name.substr(close + 1)) != "")
                    fail_at(at(cell.column), fmt::format("`{}`: a header cell is a name with an optional unit in "
                                                         "brackets, e.g. `Br [T]`", cell.text));
                c.header_unit = trim(name.substr(open + 1, close - open - 1));
                name = trim(name.substr(0, open));
            }
            const auto kind = std::find_if(std::begin(column_kinds), std::end(column_kinds),
                                           [&](const ColumnKind& k) { return name == k.name; });
            if (kind == std::end(column_kinds)) {
                const auto near = detail::closest_matches(name, names, 1);
                fail_at(at(cell.column),
                        fmt::format("unknown column `{}`{}; columns are T, Br, Hcj, Hk, Hcb (property rows) or T, H "
                                    "and B or J (curve points)",
                                    name, near.empty() ? "" : fmt::format(" (did you mean `{}`?)", near.front())));
            }
            c.name = name;
            c.dimension = kind->dimension;
            if (!c.header_unit.empty()) {
                try {
                    parse_quantity("1 " + c.header_unit, c.dimension);
                } catch (const UnitError& e) {
                    fail_at(at(cell.column), fmt::format("column `{}`: {}", name, e.what()));
                }
            }
            if (index_of(name)) fail_at(at(cell.column), fmt::format("column `{}` appears twice", name));
            columns_.push_back(c);
        }
        if (!index_of("T")) fail_at(at(1), "no `T` column: every row needs its temperature");
        curve_table_ = index_of("H").has_value();
        if (curve_table_) {
            if (index_of("B").has_value() == index_of("J").has_value())
                fail_at(at(1), "a curve table has columns T, H and one of B or J");
            for (const char* p : {"Br", "Hcj", "Hk", "Hcb"})
                if (auto i = index_of(p))
                    fail_at(at(columns_[*i].column),
                            fmt::format("column `{}` in a curve table: put property rows in a file of their own", p));
        } else {
            if (index_of("B") || index_of("J"))
                fail_at(at(1), "B or J values need an `H` column (a curve table: T, H and B or J)");
            if (!index_of("Br") && !index_of("Hcj") && !index_of("Hk") && !index_of("Hcb"))
                fail_at(at(1), "a property table needs at least one of Br, Hcj, Hk, Hcb besides T");
        }
        // The data's units, for the residuals in the output: the first flux and field columns.
        for (const auto& c : columns_) {
            if (c.header_unit.empty() || c.name == "T") continue;
            if (c.dimension == Dimension::flux_density && !flux_unit_set_) out_.flux_unit = c.header_unit, flux_unit_set_ = true;
            if (c.dimension == Dimension::field_strength && !field_unit_set_)
                out_.field_unit = c.header_unit, field_unit_set_ = true;
        }
    }

    std::optional<std::size_t> index_of(std::string_view name) const {
        for (std::size_t i = 0; i < columns_.size(); ++i)
            if (columns_[i].name == name) return i;
        return std::nullopt;
    }

    /// The SI value of a cell, or nullopt for an empty cell.
    std::optional<double> value(Column& c, const Cell& cell) {
        if (cell.text.empty()) return std::nullopt;
        const auto unit = unit_after_number(cell.text);
        std::string quantity = cell.text;
        if (!c.header_unit.empty()) {
            if (unit && unit->empty()) {
                quantity = cell.text + " " + c.header_unit;
            } else {
                parse_located(c, cell, cell.text);  // a malformed cell says so first
                fail_at(at(cell.column), fmt::format("mixed units in column `{}`: the header gives [{}], this cell "
                                                     "its own unit; give the unit once, in the header or in every cell",
                                                     c.name, c.header_unit));
            }
        } else if (unit && unit->empty()) {
            fail_at(at(cell.column), fmt::format("`{}` in column `{}` has no unit: give it in the header (`{} [unit]`) "
                                                 "or in every cell",
                                                 cell.text, c.name, c.name));
        } else if (unit) {
            if (c.cell_unit.empty()) {
                c.cell_unit = *unit;
                c.cell_unit_line = line_no_;
                if (c.name != "T" && c.dimension == Dimension::flux_density && !flux_unit_set_)
                    out_.flux_unit = *unit, flux_unit_set_ = true;
                if (c.dimension == Dimension::field_strength && !field_unit_set_)
                    out_.field_unit = *unit, field_unit_set_ = true;
            } else if (*unit != c.cell_unit) {
                parse_located(c, cell, cell.text);
                fail_at(at(cell.column), fmt::format("mixed units in column `{}`: `{}` here, `{}` in line {}", c.name,
                                                     *unit, c.cell_unit, c.cell_unit_line));
            }
        }
        return parse_located(c, cell, quantity);
    }

    double parse_located(const Column& c, const Cell& cell, const std::string& text) const {
        try {
            return parse_quantity(text, c.dimension);
        } catch (const UnitError& e) {
            fail_at(at(cell.column), fmt::format("column `{}`: {}", c.name, e.what()));
        }
    }

    void read_row(const std::vector<Cell>& cells) {
        if (cells.size() != columns_.size())
            fail_at(at(cells.back().column),
                    fmt::format("{} cells, but the header has {} columns", cells.size(), columns_.size()));
        ++rows_;
        std::vector<std::optional<double>> v;
        for (std::size_t i = 0; i < cells.size(); ++i) v.push_back(value(columns_[i], cells[i]));
        const auto cell_of = [&](std::string_view name) { return cells[*index_of(name)]; };
        const auto get = [&](std::string_view name) -> std::optional<double> {
            if (auto i = index_of(name)) return v[*i];
            return std::nullopt;
        };
        const auto t = get("T");
        if (!t) fail_at(at(cell_of("T").column), "no temperature in this row");
        if (auto e = out_of_range("T", *t)) fail_at(at(cell_of("T").column), *e);
        const auto temperature = units::kelvin_point(*t);
        if (curve_table_) {
            const auto h = get("H");
            const char* q = index_of("B") ? "B" : "J";
            const auto y = get(q);
            if (!h || !y) fail_at(at(cells.front().column), fmt::format("a curve point needs both H and {}", q));
            if (auto e = out_of_range("H", *h)) fail_at(at(cell_of("H").column), *e);
            if (auto e = out_of_range(q, *y)) fail_at(at(cell_of(q).column), *e);
            if (curve_points_++ + curve_points(out_) >= max_fit_curve_points) fail_at(at(1), too_many_points());
            if (!curves_.count(*t) && curves_.size() + out_.curves.size() >= max_fit_curves) fail_at(at(1), too_many_curves());
            auto& curve = curves_[*t];
            if (curve.points.empty()) {
                curve.temperature = temperature;
                curve.quantity = *q == 'B' ? CurveQuantity::flux_density : CurveQuantity::polarization;
                curve.where = at(1);
            }
            // h keeps the sign given here; read_fit_data checks and folds it.
            curve.points.push_back({*h * units::ampere_per_metre, *y * units::tesla, at(cell_of("H").column)});
            return;
        }
        FitPropertyRow row;
        row.temperature = temperature;
        row.where = at(1);
        auto positive = [&](std::string_view name) -> std::optional<double> {
            const auto x = get(name);
            if (x && !(*x > 0.0)) fail_at(at(cell_of(name).column), fmt::format("{} must be positive", name));
            if (x)
                if (auto e = out_of_range(name, *x)) fail_at(at(cell_of(name).column), *e);
            return x;
        };
        if (auto x = positive("Br")) row.remanence = *x * units::tesla;
        if (auto x = positive("Hcj")) row.intrinsic_coercivity = *x * units::ampere_per_metre;
        if (auto x = positive("Hk")) row.knee_field = *x * units::ampere_per_metre;
        if (auto x = positive("Hcb")) row.normal_coercivity = *x * units::ampere_per_metre;
        if (!row.remanence && !row.intrinsic_coercivity && !row.knee_field && !row.normal_coercivity)
            fail_at(at(cells.front().column), "a row with a temperature but no values");
        if (out_.properties.size() >= max_fit_property_rows) fail_at(at(1), too_many_rows());
        out_.properties.push_back(row);
    }

    std::string path_;
    FitData& out_;
    std::vector<Column> columns_;
    bool curve_table_ = false;
    bool flux_unit_set_ = false, field_unit_set_ = false;
    int line_no_ = 0, header_line_ = 0, rows_ = 0;
    std::string line_text_, header_text_;
    std::map<double, FitCurve> curves_;  // by temperature [K], in rising order
    std::size_t curve_points_ = 0;  // points of this file's curve table
};

// ---- YAML -------------------------------------------------------------------------------------

void read_yaml(const std::string& path, FitData& out) {
    const auto doc = detail::YamlDocument::load(path);
    const auto root = doc->root();
    root.check_keys({"name", "family", "source", "heavy_rare_earth", "properties", "curves", "notes"});
    FitGradeInfo info;
    if (auto n = root.find("name")) info.name = n->text();
    if (auto f = root.find("family")) {
        info.family = f->text();
        if (!family_from_string(info.family)) f->fail(fmt::format("unknown family `{}`", info.family));
    }
    if (root.find("source")) info.source = detail::read_source(root.require("source"), "file");
    if (auto h = root.find("heavy_rare_earth")) {
        h->check_keys({"dy_tb", "basis", "note"});
        info.dy_tb = h->require("dy_tb").quantity(Dimension::fraction);
        const auto basis = h->require("basis");
        if (basis.text() != "published" && basis.text() != "estimated") basis.fail("`basis` is `published` or `estimated`");
        if (basis.text() == "estimated") {
            if (!h->find("note")) h->fail("an estimated Dy + Tb content needs a `note` saying how");
            info.dy_tb_estimated = h->require("note").text();
        }
    }
    out.info.fill_from(info);
    if (auto list = root.find("properties")) {
        for (const auto& item : list->items()) {
            item.check_keys({"T", "Br", "Hcj", "Hk", "Hcb"});
            FitPropertyRow row;
            row.where = item.location();
            const auto t = item.require("T");
            row.temperature = units::kelvin_point(t.quantity(Dimension::temperature));
            if (auto e = out_of_range("T", row.temperature.value())) t.fail(*e);
            auto positive = [&](const char* key, Dimension d) -> std::optional<double> {
                auto v = item.find(key);
                if (!v) return std::nullopt;
                const double x = v->quantity(d);
                if (!(x > 0.0)) v->fail(fmt::format("{} must be positive", key));
                if (auto e = out_of_range(key, x)) v->fail(*e);
                return x;
            };
            if (auto x = positive("Br", Dimension::flux_density)) row.remanence = *x * units::tesla;
            if (auto x = positive("Hcj", Dimension::field_strength)) row.intrinsic_coercivity = *x * units::ampere_per_metre;
            if (auto x = positive("Hk", Dimension::field_strength)) row.knee_field = *x * units::ampere_per_metre;
            if (auto x = positive("Hcb", Dimension::field_strength)) row.normal_coercivity = *x * units::ampere_per_metre;
            if (!row.remanence && !row.intrinsic_coercivity && !row.knee_field && !row.normal_coercivity)
                item.fail("a row needs at least one of Br, Hcj, Hk, Hcb");
            if (out.properties.size() >= max_fit_property_rows) item.fail(too_many_rows());
            out.properties.push_back(row);
        }
    }
    if (auto list = root.find("curves")) {
        std::size_t points = curve_points(out);
        for (const auto& item : list->items()) {
            if (out.curves.size() >= max_fit_curves) item.fail(too_many_curves());
            item.check_keys({"T", "B", "J"});
            FitCurve curve;
            curve.where = item.location();
            curve.temperature = units::kelvin_point(item.require("T").quantity(Dimension::temperature));
            if (auto e = out_of_range("T", curve.temperature.value())) item.require("T").fail(*e);
            const auto b = item.find("B"), j = item.find("J");
            if (b.has_value() == j.has_value()) item.fail("a curve has one list of points, `B` or `J`");
            curve.quantity = b ? CurveQuantity::flux_density : CurveQuantity::polarization;
            for (const auto& pair : (b ? *b : *j).items()) {
                const auto xy = pair.items();
                if (xy.size() != 2) pair.fail("a point is [H, value], e.g. [-400 kA/m, 1.21 T]");
                if (points++ >= max_fit_curve_points) pair.fail(too_many_points());
                const double h = xy[0].quantity(Dimension::field_strength), y = xy[1].quantity(Dimension::flux_density);
                if (auto e = out_of_range("H", h)) xy[0].fail(*e);
                if (auto e = out_of_range(b ? "B" : "J", y)) xy[1].fail(*e);
                curve.points.push_back({h * units::ampere_per_metre, y * units::tesla, xy[0].location()});
            }
            out.curves.push_back(std::move(curve));
        }
    }
    if (!root.find("properties") && !root.find("curves")) root.fail("no `properties` and no `curves`: nothing to fit");
}

/// Fold H into h = |H| (one sign per curve), sort by h, and check the curve's shape.
void check_curve(FitCurve& curve) {
    const std::string label = fmt::format("the curve at {}", celsius_text(curve.temperature));
    if (curve.points.size() < min_curve_points)
        fail_at(curve.where, fmt::format("{} has {} point(s); the knee fit needs at least {}", label,
                                         curve.points.size(), min_curve_points));
    int sign = 0;
    for (const auto& p : curve.points) {
        const double h = p.field.value();
        const int s = h < 0.0 ? -1 : h > 0.0 ? 1 : 0;
        if (s == 0) continue;
        if (sign == 0) sign = s;
        if (s != sign)
            fail_at(p.where, fmt::format("mixed signs of H in {}: give H ≤ 0 throughout (second quadrant as "
                                         "plotted) or h ≥ 0 throughout (the demagnetizing field as a magnitude)",
                                         label));
    }
    for (auto& p : curve.points) p.field = std::abs(p.field.value()) * units::ampere_per_metre;
    std::stable_sort(curve.points.begin(), curve.points.end(),
                     [](const FitCurvePoint& a, const FitCurvePoint& b) { return a.field < b.field; });
    // The second quadrant of the intrinsic curve: J = B + μ0·h ≥ 0 (within the digitizing
    // tolerance). A B curve may go below B = 0 (between Hcb and Hcj J is still positive). A
    // curve may end with ONE point past Hcj (J < 0): it brackets the J = 0 crossing.
    const bool b_curve = curve.quantity == CurveQuantity::flux_density;
    for (std::size_t i = 0; i < curve.points.size(); ++i) {
        const auto& p = curve.points[i];
        const double j = p.value.value() + (b_curve ? units::mu0 * p.field.value() : 0.0);
        if (j >= -quadrant_tolerance_tesla) continue;
        const bool last = i + 1 == curve.points.size();
        if (last && i > 0) continue;
        fail_at(p.where, fmt::format("{}J = {:g} T at h = {:g} kA/m is outside the second quadrant (J < 0 past Hcj; "
                                     "only the last point of a curve may lie there, to bracket Hcj)",
                                     b_curve ? fmt::format("B = {:g} T, so ", p.value.value()) : std::string(), j,
                                     p.field.value() / 1000.0));
    }
    for (std::size_t i = 1; i < curve.points.size(); ++i) {
        const auto& a = curve.points[i - 1];
        const auto& b = curve.points[i];
        if (b.value.value() > a.value.value() + rise_tolerance_tesla)
            fail_at(b.where, fmt::format("{} is not monotone: {:g} T at h = {:g} kA/m after {:g} T at h = {:g} kA/m "
                                         "(line {}); a demagnetization curve falls as the field rises",
                                         label, b.value.value(), b.field.value() / 1000.0, a.value.value(),
                                         a.field.value() / 1000.0, a.where.line));
    }
}

bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

void FitGradeInfo::fill_from(const FitGradeInfo& other) {
    if (name.empty()) name = other.name;
    if (family.empty()) family = other.family;
    if (!source) source = other.source;
    if (!dy_tb) {
        dy_tb = other.dy_tb;
        dy_tb_estimated = other.dy_tb_estimated;
    }
}

FitData read_fit_data(const std::vector<std::string>& paths) {
    if (paths.empty()) throw UsageError("no input files");
    FitData data;
    for (const auto& path : paths) {
        data.files.push_back(path);
        // The data's units for the residuals are those of the first file.
        const auto flux_unit = data.flux_unit, field_unit = data.field_unit;
        const auto first_curve = data.curves.size();
        if (ends_with(path, ".csv") || ends_with(path, ".CSV")) {
            CsvReader(path, data).read();
        } else if (ends_with(path, ".yaml") || ends_with(path, ".yml")) {
            read_yaml(path, data);
        } else {
            throw UsageError(fmt::format("`{}`: an input is a .csv or a .yaml file", path));
        }
        for (auto i = first_curve; i < data.curves.size(); ++i) check_curve(data.curves[i]);
        if (data.files.size() > 1) data.flux_unit = flux_unit, data.field_unit = field_unit;
    }
    return data;
}

}  // namespace magsel
