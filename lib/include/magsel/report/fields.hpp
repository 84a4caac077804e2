// magsel/report/fields.hpp — a result type's fields, declared once: JSON key (also the CSV
// header), table title, display decimals and how the value is read from the result, already in
// its display unit (kA/m, %, °C). One schema renders JSON, a table, CSV and Markdown, so a key
// such as `knee_margin_kA_m` and its unit conversion exist in one place.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "magsel/report/table.hpp"

namespace magsel::report {

using Json = nlohmann::ordered_json;

/// A field's value: absent (JSON null, table "-", CSV empty), text, a number, a whole number,
/// a yes/no flag, or a list of texts.
using Value = std::variant<std::monostate, std::string, double, long long, bool, std::vector<std::string>>;

/// An optional number as a Value.
inline Value number(std::optional<double> x) { return x ? Value(*x) : Value(); }

template <class T>
struct Field {
    std::string key;     ///< JSON key and CSV header; a dot nests in JSON ("objectives.cost")
    std::string title;   ///< table column title
    int decimals = 3;    ///< table display of a number
    std::function<Value(const T&)> value;
    /// Table text where it is not the plain value (e.g. "> 100" for an unlimited margin).
    std::function<std::string(const T&)> table_text = {};
};

template <class T>
using Schema = std::vector<Field<T>>;

/// JSON as magsel prints it: indented by 2, a newline at the end, and any byte that is not UTF-8
/// (a file name from the command line) replaced, so the output is always valid JSON.
std::string json_text(const Json& json);

/// The table text of a value with `decimals` places for numbers.
std::string display(const Value& v, int decimals);
/// The CSV text of a value: numbers at full precision, absent as empty.
std::string csv_text(const Value& v);
/// The JSON of a value.
Json to_json(const Value& v);
/// Put `value` at `key` in `object`, nesting at dots.
void put(Json& object, std::string_view key, Json value);

template <class T>
const Field<T>& field(const Schema<T>& schema, std::string_view key) {
    for (const auto& f : schema)
        if (f.key == key) return f;
    throw std::logic_error("report: no field " + std::string(key));
}

/// One record as a JSON object, every field in schema order.
template <class T>
Json to_json(const Schema<T>& schema, const T& record) {
    Json out = Json::object();
    for (const auto& f : schema) put(out, f.key, to_json(f.value(record)));
    return out;
}

/// A table of the fields named by `keys`, one row per record.
template <class T>
Table to_table(const Schema<T>& schema, const std::vector<std::string>& keys, const std::vector<const T*>& records) {
    Table t;
    for (const auto& k : keys) {
        const auto& f = field(schema, k);
        t.header.push_back(f.title);
        const auto sample = records.empty() ? Value() : f.value(*records.front());
        t.right_align.push_back(std::holds_alternative<double>(sample) || std::holds_alternative<long long>(sample));
    }
    for (const T* r : records) {
        std::vector<std::string> row;
        for (const auto& k : keys) {
            const auto& f = field(schema, k);
            row.push_back(f.table_text ? f.table_text(*r) : display(f.value(*r), f.decimals));
        }
        t.rows.push_back(std::move(row));
    }
    return t;
}

/// CSV of the fields named by `keys`: the header row is the keys, one value per cell.
template <class T>
Table to_csv(const Schema<T>& schema, const std::vector<std::string>& keys, const std::vector<const T*>& records) {
    Table t;
    t.header = keys;
    for (const T* r : records) {
        std::vector<std::string> row;
        for (const auto& k : keys) row.push_back(csv_text(field(schema, k).value(*r)));
        t.rows.push_back(std::move(row));
    }
    return t;
}

}  // namespace magsel::report
