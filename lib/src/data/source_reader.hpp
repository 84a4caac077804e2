// source_reader.hpp (private) — reading the provenance every data file carries (`source`,
// `sources`, source ids, dates) and the element keys compositions and prices use.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "magsel/grade.hpp"
#include "data/yaml_reader.hpp"

namespace magsel::detail {

/// YYYY-MM-DD; with `allow_partial` also YYYY-MM, YYYY and `undated`.
bool valid_date(const std::string& s, bool allow_partial);
/// Read a date value, failing at its location when malformed.
std::string read_date(const YamlValue& v, bool allow_partial);
/// A source map: title, publisher, url | document, date, retrieved, notes.
Source read_source(const YamlValue& v, std::string id);
/// The file's `source` (id "file") and its `sources` map.
std::vector<Source> read_sources(const YamlValue& root);
/// Fail unless `id` is empty or names one of `sources` (with a did-you-mean).
void check_source_id(const YamlValue& v, const std::string& id, const std::vector<Source>& sources);
/// The source with `id` ("" means the file's own).
const Source& find_source(const std::vector<Source>& sources, const std::string& id);

/// Element keys a composition or price may use ("PrNd" is the Pr–Nd mix).
bool is_known_element(std::string_view key);
std::vector<std::string> known_element_names();

}  // namespace magsel::detail
