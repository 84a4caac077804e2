#include "data/source_reader.hpp"

#include <algorithm>
#include <array>
#include <regex>

#include <fmt/format.h>

namespace magsel::detail {
namespace {
constexpr std::array<std::string_view, 37> known_elements{
    "PrNd", "Nd", "Pr", "Dy", "Tb", "Gd", "Ho", "Er", "Tm", "Yb", "Lu", "Eu", "Ce", "La", "Sm", "Y",  "Sc", "Fe", "Co",
    "B",    "Cu", "Al", "Ga", "Ge", "Zr", "Nb", "Ti", "Ni", "Mn", "Si", "C",  "Sr", "Ba", "Ca", "O",  "Binder", "Other"};
}  // namespace

bool is_known_element(std::string_view key) {
    return std::find(known_elements.begin(), known_elements.end(), key) != known_elements.end();
}

std::vector<std::string> known_element_names() { return {known_elements.begin(), known_elements.end()}; }

bool valid_date(const std::string& s, bool allow_partial) {
    static const std::regex full(R"(\d{4}-\d{2}-\d{2})");
    static const std::regex partial(R"(\d{4}(-\d{2})?)");
    if (s.size() > 10) return false;  // YYYY-MM-DD at most; std::regex recurses per character
    if (std::regex_match(s, full)) return true;
    return allow_partial && (s == "undated" || std::regex_match(s, partial));
}

Source read_source(const YamlValue& v, std::string id) {
    v.check_keys({"title", "publisher", "url", "document", "date", "retrieved", "notes"});
    Source s;
    s.id = std::move(id);
    s.title = v.require("title").text();
    if (auto p = v.find("publisher")) s.publisher = p->text();
    if (auto u = v.find("url")) s.url = u->text();
    if (auto d = v.find("document")) s.document = d->text();
    if (s.url.empty() && s.document.empty()) v.fail("a source needs a `url` or a `document`");
    const auto date = v.require("date");
    s.date = date.text();
    if (!valid_date(s.date, true)) date.fail("expected a date YYYY-MM-DD, YYYY-MM, YYYY or `undated`");
    const auto retrieved = v.require("retrieved");
    s.retrieved = retrieved.text();
    if (!valid_date(s.retrieved, false)) retrieved.fail("expected the date it was read, YYYY-MM-DD");
    if (auto n = v.find("notes")) s.notes = n->text();
    return s;
}

std::vector<Source> read_sources(const YamlValue& root) {
    std::vector<Source> out;
    out.push_back(read_source(root.require("source"), "file"));
    if (auto more = root.find("sources")) {
        for (const auto& [id, value] : more->entries()) out.push_back(read_source(value, id));
    }
    return out;
}

void check_source_id(const YamlValue& v, const std::string& id, const std::vector<Source>& sources) {
    if (id.empty()) return;
    for (const auto& s : sources)
        if (s.id == id) return;
    std::vector<std::string> ids;
    for (const auto& s : sources) ids.push_back(s.id);
    const auto near = closest_matches(id, ids, 1);
    v.fail(near.empty() ? fmt::format("no source with id `{}` in `sources`", id)
                        : fmt::format("no source with id `{}` (did you mean `{}`?)", id, near.front()));
}

std::string read_date(const YamlValue& v, bool allow_partial) {
    auto s = v.text();
    if (!valid_date(s, allow_partial))
        v.fail(allow_partial ? "expected a date YYYY-MM-DD, YYYY-MM, YYYY or `undated`" : "expected a date YYYY-MM-DD");
    return s;
}

const Source& find_source(const std::vector<Source>& sources, const std::string& id) {
    const std::string wanted = id.empty() ? "file" : id;
    for (const auto& s : sources)
        if (s.id == wanted) return s;
    return sources.front();
}

}  // namespace magsel::detail
