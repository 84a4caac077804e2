#include "magsel/report/fields.hpp"

#include <fmt/format.h>

namespace magsel::report {

std::string json_text(const Json& json) { return json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n"; }

std::string display(const Value& v, int decimals) {
    struct Visitor {
        int decimals;
        std::string operator()(std::monostate) const { return "-"; }
        std::string operator()(const std::string& s) const { return s; }
        std::string operator()(double x) const { return fmt::format("{:.{}f}", x, decimals); }
        std::string operator()(long long x) const { return std::to_string(x); }
        std::string operator()(bool b) const { return b ? "yes" : "no"; }
        std::string operator()(const std::vector<std::string>& l) const { return fmt::format("{}", fmt::join(l, ",")); }
    };
    return std::visit(Visitor{decimals}, v);
}

std::string csv_text(const Value& v) {
    struct Visitor {
        std::string operator()(std::monostate) const { return ""; }
        std::string operator()(const std::string& s) const { return s; }
        std::string operator()(double x) const { return fmt::format("{}", x); }
        std::string operator()(long long x) const { return std::to_string(x); }
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(const std::vector<std::string>& l) const { return fmt::format("{}", fmt::join(l, ";")); }
    };
    return std::visit(Visitor{}, v);
}

Json to_json(const Value& v) {
    struct Visitor {
        Json operator()(std::monostate) const { return nullptr; }
        Json operator()(const std::string& s) const { return s; }
        Json operator()(double x) const { return x; }
        Json operator()(long long x) const { return x; }
        Json operator()(bool b) const { return b; }
        Json operator()(const std::vector<std::string>& l) const { return l; }
    };
    return std::visit(Visitor{}, v);
}

void put(Json& object, std::string_view key, Json value) {
    const auto dot = key.find('.');
    if (dot == std::string_view::npos) {
        object[std::string(key)] = std::move(value);
        return;
    }
    auto& inner = object[std::string(key.substr(0, dot))];
    if (!inner.is_object()) inner = Json::object();
    put(inner, key.substr(dot + 1), std::move(value));
}

}  // namespace magsel::report
