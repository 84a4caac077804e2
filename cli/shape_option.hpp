// shape_option.hpp — `--geometry SHAPE` and `--ld RATIO`: a Pc from an isolated magnet's shape
// (magsel/geometry.hpp), shared by demag, sweep and montecarlo.
#pragma once

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "magsel/geometry.hpp"

namespace magsel::cli {

struct ShapeOptions {
    std::string geometry;  ///< cylinder:L=10mm,D=10mm | ring:L=..,OD=..,ID=.. | block:L=..,W=..,H=..
    std::optional<double> ld;  ///< a cylinder's length/diameter, when given (0 is given, and refused)
};

/// Register --geometry and --ld on a subcommand.
void add_shape_options(CLI::App& cmd, ShapeOptions& o);

/// Empty when neither option is given; UsageError when both are, or the shape is bad.
std::optional<ShapePermeance> shape_permeance(const ShapeOptions& o);

}  // namespace magsel::cli
