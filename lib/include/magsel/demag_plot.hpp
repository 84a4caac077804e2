// magsel/demag_plot.hpp — the second-quadrant chart of a grade: normal and intrinsic curves
// at each temperature, knee points, and the load line with working points when given. The axes
// reach every working point (below B = 0 too); a working point whose irreversible loss is above
// `loss_limit` is drawn as an X with its own legend entry.
#pragma once

#include <optional>
#include <vector>

#include "magsel/demag.hpp"
#include "magsel/svg_plot.hpp"

namespace magsel {

enum class PlotUnits { si, cgs };  ///< kA/m and T, or kOe and kG

Plot demag_curves_plot(const Grade& grade, const std::vector<units::Temperature>& temperatures,
                       const std::optional<LoadLine>& load, Basis basis = Basis::minimum,
                       PlotUnits plot_units = PlotUnits::si, double loss_limit = 0.01);

}  // namespace magsel
