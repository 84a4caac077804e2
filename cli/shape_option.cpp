#include "shape_option.hpp"

#include <fmt/format.h>

#include "magsel/error.hpp"

namespace magsel::cli {

void add_shape_options(CLI::App& cmd, ShapeOptions& o) {
    cmd.add_option("--geometry", o.geometry,
                   "Pc of an isolated magnet of this shape, L along the magnetization: cylinder:L=10mm,D=10mm, "
                   "ring:L=5mm,OD=20mm,ID=10mm or block:L=5mm,W=20mm,H=10mm");
    cmd.add_option_function<double>(
        "--ld", [&o](const double& ld) { o.ld = ld; },
        "Pc of an isolated cylinder with this length/diameter (makers rate grades at 0.7)");
}

std::optional<ShapePermeance> shape_permeance(const ShapeOptions& o) {
    if (!o.geometry.empty() && o.ld) throw UsageError("give --geometry or --ld, not both");
    if (o.geometry.empty() && !o.ld) return std::nullopt;
    if (o.ld) return magsel::shape_permeance(cylinder_with_ratio(*o.ld), fmt::format("cylinder L/D {:g}", *o.ld));
    return magsel::shape_permeance(parse_shape(o.geometry));
}

}  // namespace magsel::cli
