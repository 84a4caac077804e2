// shape_option.hpp — `--geometry SHAPE` and `--ld RATIO`: a Pc from an isolated magnet's shape
// (magsel/geometry.hpp), shared by demag, sweep and montecarlo.
#pragma once

#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "magsel/geometry.hpp"

namespace magsel::cli {

struct ShapeOptions {
    std::string geometry;  ///< cylinder:L=10mm,D=10mm | ring:L=..,OD=..,ID=.. | block:L=..,W=..,H=..
    double ld = 0.0;       ///< a cylinder's length/diameter (0: not given)
};

/// Register --geometry and --ld on a subcommand.
void add_shape_options(CLI::App& cmd, ShapeOptions& o);

/// The shape, its factors and the Pc magsel uses (from the fluxmetric factor).
struct ShapePermeance {
    MagnetShape shape;
    std::string label;  ///< "cylinder L/D 0.7" for --ld, else describe(shape)
    DemagnetizingFactors factors;
    double pc = 0.0;
};

/// Empty when neither option is given; UsageError when both are, or the shape is bad.
std::optional<ShapePermeance> shape_permeance(const ShapeOptions& o);

/// Two lines for text output: the Pc used, the factors, and that an isolated magnet is the
/// worst case (a magnet in a circuit needs the circuit's Pc).
std::string shape_permeance_text(const ShapePermeance& s);

/// The same for JSON output.
nlohmann::ordered_json shape_permeance_json(const ShapePermeance& s);

}  // namespace magsel::cli
