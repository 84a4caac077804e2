// fit/fit_block.hpp (private) — the `fit:` block `magsel fit` writes into a grade file
// (docs/fit.md): checked for form where the grade file is read, kept out of the physics and the
// snapshot (it documents where the grade's values came from).
#pragma once

#include "data/yaml_reader.hpp"

namespace magsel::detail {

/// Check a grade's `fit:` block; InputError (file:line:col) on anything malformed.
void check_fit_block(const YamlValue& v);

}  // namespace magsel::detail
