// magsel/requirement.hpp — what a magnet must do: a requirement (or design) file, typed.
// Format: docs/requirement-file-format.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "magsel/error.hpp"
#include "magsel/geometry.hpp"
#include "magsel/grade.hpp"
#include "magsel/thermal.hpp"

namespace magsel {

/// Weights of the four ranking objectives.
struct RankingWeights {
    double performance = 1.0;
    double demag_margin = 1.0;
    double cost = 1.0;
    double supply_risk = 1.0;
};

/// How far from failing a recommended grade must be (a requirement's `robustness`). The default,
/// 10 K and 10 %, is magsel's choice: docs/choosing-a-grade.md says why.
struct RobustnessTarget {
    units::TemperatureDifference temperature = 10.0 * units::kelvin;  ///< temperature margin
    double field = 0.10;                                              ///< field margin (fraction)
};

struct Requirement {
    std::string name;
    std::string application;  ///< motor | generator
    std::string notes;
    std::string file;         ///< where it was read from

    units::Temperature min_temperature = units::celsius(20.0);
    units::Temperature max_temperature = units::celsius(20.0);
    units::TemperatureDifference temperature_step = 5.0 * units::kelvin;
    Basis basis = Basis::minimum;

    std::optional<units::FluxDensity> min_remanence;     ///< Br(T) at every temperature
    std::optional<units::FluxDensity> min_flux_density;  ///< open-circuit working-point B

    std::optional<double> permeance_coefficient;         ///< set when there is a demagnetization block
    /// The isolated magnet's shape when the file gives `geometry` instead of a Pc; the Pc above
    /// is then permeance_coefficient(*geometry) (fluxmetric factor, geometry.hpp).
    std::optional<MagnetShape> geometry;
    units::FieldStrength opposing_field = 0.0 * units::ampere_per_metre;
    std::vector<units::Temperature> opposing_field_at;   ///< empty: at every temperature
    double safety_margin = 0.0;                          ///< on the field
    double max_irreversible_loss = 0.01;

    std::vector<Family> families;                        ///< empty: any
    bool heavy_rare_earth_free = false;                  ///< no Dy, no Tb (any basis: hre_free_basis())
    bool export_controlled_free = false;                 ///< no element under an in-force export control
    std::optional<double> max_dy_tb;                     ///< mass fraction
    std::optional<units::MoneyPerMass> max_cost;
    std::vector<std::string> exclude_elements;           ///< symbols, or "export-controlled"
    std::optional<double> min_recycled_content;          ///< mass fraction
    bool require_rated_temperature = false;

    std::optional<units::Mass> magnet_mass;
    std::optional<units::Volume> magnet_volume;
    RankingWeights weights;
    RobustnessTarget robustness;

    std::optional<std::string> grade;                    ///< design files: the grade to check
    SourceLocation grade_location;                       ///< where `grade:` is, for "unknown grade" errors
};

/// Read a requirement or design file; InputError (file:line:col) on anything wrong.
Requirement read_requirement_file(const std::string& path);
/// The same from text (`name` is what messages call it).
Requirement parse_requirement(const std::string& text, const std::string& name);

}  // namespace magsel
