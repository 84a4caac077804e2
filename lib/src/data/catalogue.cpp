#include "magsel/catalogue.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <unordered_map>

#include <unistd.h>

#include <fmt/format.h>

#include "data/builtin_data.hpp"
#include "data/grade_cache.hpp"
#include "data/grade_file.hpp"
#include "data/yaml_reader.hpp"

namespace magsel {

struct Catalogue::State {
    detail::FamilyDefaultsMap defaults;
};

namespace {

namespace fs = std::filesystem;

std::vector<std::string> keys_of(const Grade& g) {
    std::vector<std::string> keys{Catalogue::normalize_name(g.name)};
    for (const auto& a : g.aliases) keys.push_back(Catalogue::normalize_name(a));
    return keys;
}

std::string where(const Grade& g) { return fmt::format("{}:{}", g.file, g.line); }

}  // namespace

std::string Catalogue::normalize_name(std::string_view name) {
    std::string out;
    for (char c : name)
        if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

Catalogue Catalogue::builtin() {
    const auto& data = detail::builtin_data();
    Catalogue c;
    auto state = std::make_shared<State>();
    state->defaults = data.defaults;
    c.defaults_ = state;
    c.grades_ = data.grades;  // names were checked unique when the snapshot was built
    c.rebuild_index();
    return c;
}

Catalogue Catalogue::empty() {
    Catalogue c;
    auto state = std::make_shared<State>();
    state->defaults = detail::builtin_data().defaults;
    c.defaults_ = state;
    return c;
}

void Catalogue::rebuild_index() {
    index_.clear();
    for (std::size_t i = 0; i < grades_.size(); ++i)
        for (auto& k : keys_of(grades_[i])) index_.emplace(std::move(k), i);
}

void Catalogue::add_grades(std::vector<Grade> incoming) {
    // index_ (lookup key -> position in grades_) is kept from call to call: adding N grades costs
    // O(N) whatever the number of files. Only replacing a built-in grade rebuilds it (O(total)),
    // at most once per built-in grade.
    if (grades_.size() + incoming.size() > grades_.capacity()) {
        // Grow geometrically, moving the grades: Grade's move constructor is not noexcept (Boost.Units
        // quantities), so the vector's own growth would copy every grade (89 % of the instructions
        // here for 2,520 grades)
        std::vector<Grade> bigger;
        bigger.reserve(std::max(grades_.size() + incoming.size(), 2 * grades_.capacity()));
        for (auto& g : grades_) bigger.push_back(std::move(g));
        grades_ = std::move(bigger);
    }
    for (auto& g : incoming) {
        const auto keys = keys_of(g);
        // The same name twice: a user grade replaces a built-in one (with a notice); anything
        // else is an error, since a lookup could not tell them apart.
        while (true) {
            const auto clash = std::find_if(keys.begin(), keys.end(), [&](const auto& k) { return index_.count(k) > 0; });
            if (clash == keys.end()) break;
            const auto position = index_.at(*clash);
            const Grade& existing = grades_[position];
            const bool same_name = Catalogue::normalize_name(existing.name) == keys.front();
            if (!(same_name && existing.builtin && !g.builtin))
                throw InputError(SourceLocation{g.file, g.line, 0, {}},
                                 fmt::format("grade {} has a name or alias that {} ({}) already uses", g.name,
                                             existing.name, where(existing)));
            notices_.push_back(fmt::format("{}: grade {} replaces the built-in grade of that name ({})", where(g), g.name,
                                           where(existing)));
            grades_.erase(grades_.begin() + static_cast<std::ptrdiff_t>(position));
            rebuild_index();
        }
        for (const auto& k : keys) index_.emplace(k, grades_.size());
        grades_.push_back(std::move(g));
    }
}

void Catalogue::add_file(const std::string& path, bool is_family_defaults) {
    const auto doc = detail::YamlDocument::load(path);
    auto state = std::make_shared<State>(*defaults_);
    if (is_family_defaults) {
        auto d = detail::read_family_defaults(*doc);
        state->defaults[d.family] = std::move(d);
        defaults_ = state;
        return;
    }
    add_grades(detail::read_grade_file(*doc, defaults_->defaults, false));
}

void Catalogue::add_text(const std::string& text, const std::string& name) {
    const auto doc = detail::YamlDocument::parse(text, name);
    add_grades(detail::read_grade_file(*doc, defaults_->defaults, false));
}

void Catalogue::add_directory(const std::string& path) {
    // Every user data path that cannot be read is an error naming it: a skipped directory
    // would let the built-in data stand in for the user's (a false pass in CI).
    std::error_code ec;
    const auto link = fs::symlink_status(path, ec);
    if (!fs::exists(link)) throw UsageError(fmt::format("grade directory `{}` does not exist", path));
    const auto status = fs::status(path, ec);
    if (ec) throw UsageError(fmt::format("cannot read the grade directory `{}`: {}", path,
                                         fs::is_symlink(link) ? "a symbolic link that leads nowhere (" + ec.message() + ")"
                                                              : ec.message()));
    if (!fs::is_directory(status)) throw UsageError(fmt::format("grade directory `{}` is not a directory", path));
    if (::access(path.c_str(), R_OK | X_OK) != 0)
        throw UsageError(fmt::format("cannot read the grade directory `{}`: {}", path, std::strerror(errno)));
    for (const auto& f : detail::yaml_files_in((fs::path(path) / "families").string())) add_file(f, true);
    for (const auto& f : detail::yaml_files_in(path)) {
        const auto name = fs::path(f).filename();
        if (name == detail::prices_file_name || name == detail::supply_file_name) continue;
        auto contents = detail::read_user_grade_file(f, defaults_->defaults);
        for (auto& w : contents.warnings) notices_.push_back(std::move(w));
        add_grades(std::move(contents.grades));
    }
}

void Catalogue::add_environment_directories() {
    const char* env = std::getenv("MAGSEL_GRADES");
    if (env == nullptr) return;
    std::string_view rest(env);
    while (!rest.empty()) {
        const auto colon = rest.find(':');
        const auto dir = rest.substr(0, colon);
        if (!dir.empty()) add_directory(std::string(dir));
        if (colon == std::string_view::npos) break;
        rest.remove_prefix(colon + 1);
    }
}

const Grade* Catalogue::try_find(std::string_view name) const {
    // Grade names are ASCII: a name with another alphabet's look-alike letter (Cyrillic `Н48SH`)
    // names no grade, rather than the one its ASCII letters spell.
    if (std::any_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }))
        return nullptr;
    const auto key = normalize_name(name);
    if (key.empty()) return nullptr;
    if (const auto at = index_.find(key); at != index_.end()) return &grades_[at->second];
    // "52SH" for N52SH: a sintered NdFeB name without its leading N.
    if (std::isdigit(static_cast<unsigned char>(key.front()))) return try_find("N" + key);
    return nullptr;
}

std::vector<std::string> Catalogue::suggestions(std::string_view name, std::size_t max) const {
    // Compared on the lookup key of every name and alias ("52SH" is one edit from the alias
    // G52SH); a sintered name is also tried with the leading N the lookup adds ("52SH" ~ N52SH).
    std::vector<std::string> keys;
    std::vector<const Grade*> owner;
    for (const auto& g : grades_)
        for (auto& k : keys_of(g)) keys.push_back(std::move(k)), owner.push_back(&g);
    const auto key = normalize_name(name);
    auto near = detail::closest_matches(key, keys, max);
    if (!key.empty() && std::isdigit(static_cast<unsigned char>(key.front())))
        for (auto& k : detail::closest_matches("N" + key, keys, max))
            if (std::find(near.begin(), near.end(), k) == near.end()) near.push_back(std::move(k));
    std::vector<std::string> out;
    for (const auto& k : near) {
        for (std::size_t i = 0; i < keys.size(); ++i) {
            if (keys[i] != k) continue;
            const Grade& g = *owner[i];
            const bool by_name = normalize_name(g.name) == k;
            std::string shown = g.name;
            if (!by_name)
                for (const auto& a : g.aliases)
                    if (normalize_name(a) == k) shown = fmt::format("{} ({})", a, g.name);
            if (std::find(out.begin(), out.end(), shown) == out.end() &&
                std::none_of(out.begin(), out.end(), [&](const std::string& o) {
                    return o == g.name || o.ends_with("(" + g.name + ")");
                }))
                out.push_back(shown);
            break;
        }
        if (out.size() == max) break;
    }
    return out;
}

const Grade& Catalogue::find(std::string_view name) const {
    if (const auto* g = try_find(name)) return *g;
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (static_cast<unsigned char>(name[i]) < 0x80) continue;
        std::size_t n = 1;
        while (i + n < name.size() && (static_cast<unsigned char>(name[i + n]) & 0xC0) == 0x80) ++n;
        const auto near = suggestions(name);
        throw UsageError(fmt::format("unknown grade `{}`: `{}` is not an ASCII letter or digit (a look-alike letter from "
                                     "another alphabet?); grade names are ASCII{}",
                                     name, name.substr(i, n),
                                     near.empty() ? "" : fmt::format("; did you mean {}?", fmt::join(near, ", "))));
    }
    const auto near = suggestions(name);
    if (near.empty()) throw UsageError(fmt::format("unknown grade `{}`: no grade or alias in the catalogue is near it", name));
    throw UsageError(fmt::format("unknown grade `{}`; did you mean {}?", name, fmt::join(near, ", ")));
}

}  // namespace magsel
