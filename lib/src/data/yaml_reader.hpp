// yaml_reader.hpp (private) — the one wrapper over yaml-cpp. Every value read through it
// knows its file, line and column; every error it raises is an InputError pointing there.
// No yaml-cpp type leaves lib/src.
#pragma once

#include <initializer_list>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "magsel/error.hpp"
#include "magsel/quantity_parser.hpp"

namespace magsel::detail {

class YamlValue;

/// A parsed YAML file: its name, its lines (for error display) and its root node.
class YamlDocument {
public:
    /// Parse `text`; `file_name` is what error messages call it. Throws InputError on a
    /// syntax error or an empty document.
    static std::shared_ptr<const YamlDocument> parse(std::string text, std::string file_name);
    /// Read and parse a file from disk (throws InputError when it cannot be read).
    static std::shared_ptr<const YamlDocument> load(const std::string& path);
    /// Read `path` but call it `display_name` in messages.
    static std::shared_ptr<const YamlDocument> load_named(const std::string& path, const std::string& display_name);

    YamlValue root() const;
    const std::string& file_name() const { return file_name_; }
    /// The location of a yaml-cpp mark (0-based) as 1-based line:column with the line's text.
    SourceLocation location(const YAML::Mark& mark) const;

private:
    std::string file_name_;
    std::vector<std::string> lines_;
    YAML::Node root_;
};

/// One node of a YamlDocument, with the path that led to it ("grades[3].remanence").
class YamlValue {
public:
    YamlValue(const YamlDocument* doc, YAML::Node node, std::string path, SourceLocation fallback);

    const std::string& path() const { return path_; }
    SourceLocation location() const;
    [[noreturn]] void fail(const std::string& message) const;
    /// The error fail() throws, to collect rather than throw.
    InputError error(const std::string& message) const;

    bool is_map() const { return node_.IsMap(); }
    bool is_sequence() const { return node_.IsSequence(); }
    bool is_scalar() const { return node_.IsScalar(); }
    bool is_null() const { return !node_.IsDefined() || node_.IsNull(); }

    // ---- maps ----
    /// Fail unless this is a map whose keys are all in `allowed` and none repeats;
    /// an unknown key's message suggests the closest allowed one. Several bad keys are thrown
    /// together (InputErrors), each at its own line and column.
    void check_keys(std::initializer_list<std::string_view> allowed) const;
    /// Every error check_keys would find (not a map, each unknown or repeated key), in order.
    std::vector<InputError> key_errors(std::initializer_list<std::string_view> allowed) const;
    /// For a map: the allowed keys its unknown keys are closest to (`remanance` -> `remanence`),
    /// so that a reader that goes on after check_keys reports a misspelt key once (unknown, with
    /// its did-you-mean), not again as missing. Empty for anything but a map.
    std::set<std::string> misspelt_keys(std::initializer_list<std::string_view> allowed) const;
    /// Fail unless this is a map (any keys).
    void expect_map() const;
    std::optional<YamlValue> find(std::string_view key) const;
    YamlValue require(std::string_view key) const;
    /// The entries of a map in file order, each key with its own location.
    std::vector<std::pair<std::string, YamlValue>> entries() const;

    // ---- sequences ----
    std::vector<YamlValue> items() const;

    // ---- scalars ----
    std::string text() const;
    double number() const;
    bool boolean() const;
    /// A quantity string ("1.42 T") in SI; a wrong unit becomes an InputError here.
    double quantity(Dimension expected) const;

private:
    std::string kind() const;
    /// Where this value is used when it was reached through an alias (`*name`): the key it sits
    /// under there, also for everything inside it; empty for a value used where it is written.
    std::optional<SourceLocation> alias_use() const;
    /// A child value (of a map or list), which inherits this value's alias_use().
    YamlValue child(YAML::Node node, std::string path, SourceLocation fallback) const;
    const YamlDocument* doc_;
    YAML::Node node_;
    std::string path_;
    SourceLocation fallback_;
    std::optional<SourceLocation> inherited_alias_use_;
};

/// The largest input file magsel reads (10 MiB): magsel's own files are a few kB to a few
/// hundred kB; anything far larger is not a magsel input, and parsing it would take long.
inline constexpr std::size_t max_input_file_bytes = 10u << 20;

/// Read a whole input file; InputError naming `display_name` when it cannot be read or is
/// larger than max_input_file_bytes.
std::string read_input_file(const std::string& path, const std::string& display_name);

/// Closest candidates to `word` by edit distance (case-insensitive), best first.
std::vector<std::string> closest_matches(std::string_view word, const std::vector<std::string>& candidates,
                                         std::size_t max_results = 3);

}  // namespace magsel::detail
