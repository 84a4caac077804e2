#include "shape_option.hpp"

#include <fmt/format.h>

#include "magsel/error.hpp"

namespace magsel::cli {

void add_shape_options(CLI::App& cmd, ShapeOptions& o) {
    cmd.add_option("--geometry", o.geometry,
                   "Pc of an isolated magnet of this shape, L along the magnetization: cylinder:L=10mm,D=10mm, "
                   "ring:L=5mm,OD=20mm,ID=10mm or block:L=5mm,W=20mm,H=10mm");
    cmd.add_option("--ld", o.ld, "Pc of an isolated cylinder with this length/diameter (makers rate grades at 0.7)");
}

std::optional<ShapePermeance> shape_permeance(const ShapeOptions& o) {
    if (!o.geometry.empty() && o.ld != 0.0) throw UsageError("give --geometry or --ld, not both");
    if (o.geometry.empty() && o.ld == 0.0) return std::nullopt;
    const MagnetShape shape = o.geometry.empty() ? MagnetShape{cylinder_with_ratio(o.ld)} : parse_shape(o.geometry);
    const auto factors = demagnetizing_factors(shape);
    const auto label = o.geometry.empty() ? fmt::format("cylinder L/D {:g}", o.ld) : describe(shape);
    return ShapePermeance{shape, label, factors, permeance_from_factor(factors.fluxmetric)};
}

std::string shape_permeance_text(const ShapePermeance& s) {
    return fmt::format("Pc {:.4g} from the shape ({}): mid-plane (fluxmetric) demagnetizing factor N {:.4f}, "
                       "Pc = (1 - N)/N;\n"
                       "  the volume average N {:.4f} would give Pc {:.4g}. An isolated magnet: the worst case; a "
                       "magnet in a circuit\n  needs the circuit's Pc (FEA or a magnetic-circuit calculation).\n",
                       s.pc, s.label, s.factors.fluxmetric, s.factors.magnetometric,
                       permeance_from_factor(s.factors.magnetometric));
}

nlohmann::ordered_json shape_permeance_json(const ShapePermeance& s) {
    return {{"shape", s.label},
            {"demagnetizing_factor_fluxmetric", s.factors.fluxmetric},
            {"demagnetizing_factor_magnetometric", s.factors.magnetometric},
            {"permeance_coefficient", s.pc},
            {"permeance_from", "fluxmetric (mid-plane) factor of an isolated magnet"}};
}

}  // namespace magsel::cli
