/** The documents the measure definitions come from, as cited in the catalogue and docs/methodology-measures.md. */
export const WORKING_TOGETHER = 'Working Together to Safeguard Children 2023 (DfE)'
export const CIN_CENSUS = 'DfE children in need census guidance'
export const ANNEX_A = 'Ofsted ILACS Annex A guidance'
export const SSDA903 = 'DfE SSDA903 (children looked after return) guidance'
export const POPULATION = 'rate per 10,000 children aged 0–17 (ONS mid-year population estimate, a setting)'
