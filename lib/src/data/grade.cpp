#include "magsel/grade.hpp"

#include <array>

namespace magsel {
namespace {
struct FamilyName {
    Family family;
    std::string_view name;
};
constexpr std::array<FamilyName, 6> family_names{{
    {Family::sintered_ndfeb, "sintered-ndfeb"},
    {Family::hot_deformed_ndfeb, "hot-deformed-ndfeb"},
    {Family::bonded_ndfeb, "bonded-ndfeb"},
    {Family::ferrite, "ferrite"},
    {Family::smco5, "smco5"},
    {Family::sm2co17, "sm2co17"},
}};
}  // namespace

std::string_view to_string(Family f) {
    for (const auto& n : family_names)
        if (n.family == f) return n.name;
    return "unknown";
}

std::optional<Family> family_from_string(std::string_view s) {
    for (const auto& n : family_names)
        if (n.name == s) return n.family;
    return std::nullopt;
}

const std::vector<Family>& all_families() {
    static const std::vector<Family> all = [] {
        std::vector<Family> v;
        for (const auto& n : family_names) v.push_back(n.family);
        return v;
    }();
    return all;
}

bool is_ndfeb(Family f) {
    return f == Family::sintered_ndfeb || f == Family::hot_deformed_ndfeb || f == Family::bonded_ndfeb;
}

std::string Source::citation() const {
    std::string out = title;
    if (!publisher.empty()) out += ", " + publisher;
    if (!document.empty()) out += ", " + document;
    out += ", " + date;
    if (!url.empty()) out += " — " + url;
    return out;
}

double Composition::fraction_of(std::string_view element) const {
    double x = 0.0;
    for (const auto& e : elements)
        if (e.element == element) x += e.fraction;
    return x;
}

std::string_view to_string(HreFreeBasis b) {
    switch (b) {
        case HreFreeBasis::stated: return "stated";
        case HreFreeBasis::composition: return "composition";
        case HreFreeBasis::estimated: return "estimated";
    }
    return "?";
}

std::optional<HreFreeBasis> hre_free_basis(const Grade& g) {
    if (g.hre_free_statement) return g.hre_free_statement->basis;
    if (g.heavy_rare_earth) {
        if (g.heavy_rare_earth->dy_tb_fraction > 0.0) return std::nullopt;
        return HreFreeBasis::composition;
    }
    if (!g.composition) return std::nullopt;  // nobody knows
    if (g.composition->fraction_of("Dy") + g.composition->fraction_of("Tb") > 0.0) return std::nullopt;
    return HreFreeBasis::composition;
}

std::vector<std::string> estimated_values(const Grade& g) {
    std::vector<std::string> out;
    if (!g.remanence.estimated.empty()) out.emplace_back("Br");
    if (!g.intrinsic_coercivity.estimated.empty()) out.emplace_back("Hcj");
    if (!g.normal_coercivity.estimated.empty()) out.emplace_back("Hcb");
    if (g.coefficients && !g.coefficients->estimated.empty() && g.temperature_points.empty())
        out.emplace_back("temperature coefficients");
    return out;
}

const Source& Grade::source_for(std::string_view id) const {
    if (id.empty() || id == source.id) return source;
    for (const auto& s : other_sources)
        if (s.id == id) return s;
    return source;
}

}  // namespace magsel
