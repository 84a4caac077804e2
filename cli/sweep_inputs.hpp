// sweep_inputs.hpp — what `magsel sweep`'s options choose: the grades (--grades, --family or
// --req), the swept values, and the load, with a requirement's Pc, field and basis where --req
// names one and the command line does not.
#pragma once

#include <string>
#include <vector>

#include "context.hpp"
#include "magsel/study.hpp"
#include "shape_option.hpp"

namespace magsel::cli {

struct SweepOptions {
    std::string grades, family, requirement;
    std::string vary = "temperature";
    std::string from, to;
    int steps = 21;
    double pc = 2.0;
    std::string field = "0 kA/m";
    std::string at = "20 degC";
    std::string basis = "min";
    std::string quantity = "loss";
    std::string output, plot;
    std::string format;
    ShapeOptions shape;
    bool pc_given = false, field_given = false, basis_given = false;
};

/// The grades and the sweep's specification. With --req: the grades that meet it, and its Pc,
/// opposing field (with its safety margin, as `match` applies it) and basis for each of --pc,
/// --field, --basis not given; a note on stderr says what was taken. UsageError for a bad
/// choice (none or two of --grades/--family/--req, --pc with a shape, ...).
struct SweepInputs {
    std::vector<const Grade*> grades;
    SweepSpec spec;
};
SweepInputs sweep_inputs(const GlobalOptions& global, const SweepOptions& o, const Catalogue& catalogue);

}  // namespace magsel::cli
