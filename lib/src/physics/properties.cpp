#include "magsel/properties.hpp"

namespace magsel {

const std::vector<PropertyInfo>& property_table() {
    using units::gauss_in_tesla, units::oersted_in_ampere_per_metre, units::mgoe_in_joule_per_cubic_metre;
    static const std::vector<PropertyInfo> table{
        {Property::remanence, "remanence", "Br", "T", "T", 1.0, "kG", 1.0 / (1000.0 * gauss_in_tesla),
         "remanence_T", "remanence: flux density left at zero field"},
        {Property::intrinsic_coercivity, "coercivity_intrinsic", "Hcj", "A/m", "kA/m", 1e-3, "kOe",
         1.0 / (1000.0 * oersted_in_ampere_per_metre), "intrinsic_coercivity_kA_m",
         "intrinsic coercivity: field at which the polarization J falls to zero"},
        {Property::normal_coercivity, "coercivity_normal", "Hcb", "A/m", "kA/m", 1e-3, "kOe",
         1.0 / (1000.0 * oersted_in_ampere_per_metre), "normal_coercivity_kA_m",
         "normal coercivity: field at which the flux density B falls to zero"},
        {Property::knee_field, "knee_field", "Hk", "A/m", "kA/m", 1e-3, "kOe",
         1.0 / (1000.0 * oersted_in_ampere_per_metre), "knee_field_kA_m",
         "knee field: where J = 0.9·Br; beyond it the loss is irreversible"},
        {Property::hd5, "hd5", "HD5", "A/m", "kA/m", 1e-3, "kOe", 1.0 / (1000.0 * oersted_in_ampere_per_metre),
         "hd5_kA_m",
         "HD5: internal demagnetizing field after which recoil leaves 5 % instantaneous irreversible loss "
         "(IEC 60404-8-1)"},
        {Property::max_energy_product, "energy_product", "(BH)max", "J/m^3", "kJ/m^3", 1e-3, "MGOe",
         1.0 / mgoe_in_joule_per_cubic_metre, "energy_product_kJ_m3", "maximum energy product"},
    };
    return table;
}

const PropertyInfo& property_info(Property p) {
    for (const auto& info : property_table())
        if (info.property == p) return info;
    return property_table().front();
}

double si_value(const MagnetProperties& m, Property p) {
    switch (p) {
        case Property::remanence: return m.remanence.value();
        case Property::intrinsic_coercivity: return m.intrinsic_coercivity.value();
        case Property::normal_coercivity: return m.normal_coercivity.value();
        case Property::knee_field: return m.knee_field.value();
        case Property::hd5: return m.hd5.value();
        case Property::max_energy_product: return m.max_energy_product.value();
    }
    return 0.0;
}

}  // namespace magsel
