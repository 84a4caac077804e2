// magsel/catalogue.hpp — the grades magsel knows: the built-in data (grades/, embedded in the
// library at build time) plus user grade files.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "magsel/grade.hpp"

namespace magsel {

class Catalogue {
public:
    /// The built-in catalogue (parsed once per process, then copied). Throws InputError
    /// if the embedded data is broken, which the build's validate test prevents.
    static Catalogue builtin();
    /// An empty catalogue with the built-in family defaults only.
    static Catalogue empty();

    /// Add the grade files of a directory (*.yaml, *.yml; a `families/` subdirectory holds
    /// family-defaults files). A user grade with the name of a built-in grade replaces it and
    /// a notice says so; two user grades with one name are an error. Grade files that read
    /// valid are cached in the user's cache directory (`$XDG_CACHE_HOME/magsel`; off with
    /// MAGSEL_NO_CACHE=1), so a later run reads them without parsing; `add_file` never caches.
    void add_directory(const std::string& path);
    /// Add one grade file, or a family-defaults file when `is_family_defaults`.
    void add_file(const std::string& path, bool is_family_defaults = false);
    /// Add the grades of a grade file given as text; `name` is what messages call it.
    void add_text(const std::string& text, const std::string& name);
    /// Add the directories listed in the environment variable MAGSEL_GRADES (':'-separated).
    void add_environment_directories();

    const std::vector<Grade>& grades() const { return grades_; }
    /// Find by name or alias, forgiving case, spaces and dashes ("n 52 sh" finds N52SH,
    /// "52SH" too). Throws UsageError with the closest names when there is none.
    const Grade& find(std::string_view name) const;
    const Grade* try_find(std::string_view name) const;
    /// Names close to `name`, best first (for "did you mean").
    std::vector<std::string> suggestions(std::string_view name, std::size_t max = 3) const;

    /// Things a user should know (a built-in grade replaced by a user file); the CLI prints them.
    const std::vector<std::string>& notices() const { return notices_; }

    /// The lookup key of a name: upper case, letters and digits only.
    static std::string normalize_name(std::string_view name);

private:
    Catalogue() = default;
    /// Add grades, each checked against the names and aliases already known: linear in the
    /// number added (the index is kept, not rebuilt per file).
    void add_grades(std::vector<Grade> grades);
    void rebuild_index();

    std::vector<Grade> grades_;
    std::unordered_map<std::string, std::size_t> index_;  // lookup key of a name or alias -> grades_ position
    std::vector<std::string> notices_;
    struct State;
    std::shared_ptr<const State> defaults_;  // family defaults, shared between copies
};

}  // namespace magsel
