"""Static facts the demo generator draws from: states, specialties, sites, names.

Why a module of plain lists: the demo must look like the real institute (real
states, the Mexican specialty scheme, the institute's UMAEs, common Mexican
names), and a reviewer should be able to check those facts in one place without
reading the generator. Nothing here touches the database or chance.
"""

# ruff: noqa: E501 - tables of facts read best one row per line.

from typing import NamedTuple


class State(NamedTuple):
    code: str  # the two letters of the state in the CURP ("DF", "JC", ...)
    name: str
    population: float  # millions (2020 census, rounded): weights places of birth
    cities: tuple[str, ...]  # first is where the regional hospital usually is
    university: str  # the state's public university, endorsing local courses


# The 32 states. Ciudad de México keeps "DF" because that is its CURP code.
# fmt: off
STATES: tuple[State, ...] = (
    State("AS", "Aguascalientes", 1.4, ("Aguascalientes",), "Universidad Autónoma de Aguascalientes"),
    State("BC", "Baja California", 3.8, ("Mexicali", "Tijuana", "Ensenada"), "Universidad Autónoma de Baja California"),
    State("BS", "Baja California Sur", 0.8, ("La Paz", "Los Cabos"), "Universidad Autónoma de Baja California Sur"),
    State("CC", "Campeche", 0.9, ("Campeche", "Ciudad del Carmen"), "Universidad Autónoma de Campeche"),
    State("CL", "Coahuila", 3.1, ("Saltillo", "Torreón", "Monclova", "Piedras Negras"), "Universidad Autónoma de Coahuila"),
    State("CM", "Colima", 0.7, ("Colima", "Manzanillo"), "Universidad de Colima"),
    State("CS", "Chiapas", 5.5, ("Tuxtla Gutiérrez", "Tapachula", "San Cristóbal de las Casas"), "Universidad Autónoma de Chiapas"),
    State("CH", "Chihuahua", 3.7, ("Chihuahua", "Ciudad Juárez", "Delicias", "Hidalgo del Parral"), "Universidad Autónoma de Chihuahua"),
    State("DF", "Ciudad de México", 9.2, ("Coyoacán", "Iztapalapa", "Gustavo A. Madero", "Álvaro Obregón", "Tlalpan", "Azcapotzalco", "Benito Juárez", "Cuauhtémoc", "Venustiano Carranza", "Iztacalco", "Xochimilco", "Tláhuac"), "Universidad Nacional Autónoma de México"),
    State("DG", "Durango", 1.8, ("Durango", "Gómez Palacio"), "Universidad Juárez del Estado de Durango"),
    State("GT", "Guanajuato", 6.2, ("León", "Irapuato", "Celaya", "Salamanca", "Guanajuato"), "Universidad de Guanajuato"),
    State("GR", "Guerrero", 3.5, ("Acapulco", "Chilpancingo", "Iguala", "Zihuatanejo"), "Universidad Autónoma de Guerrero"),
    State("HG", "Hidalgo", 3.1, ("Pachuca", "Tulancingo", "Tula"), "Universidad Autónoma del Estado de Hidalgo"),
    State("JC", "Jalisco", 8.3, ("Guadalajara", "Zapopan", "Tlaquepaque", "Puerto Vallarta", "Ciudad Guzmán", "Tepatitlán"), "Universidad de Guadalajara"),
    State("MC", "Estado de México", 17.0, ("Toluca", "Naucalpan", "Tlalnepantla", "Ecatepec", "Nezahualcóyotl", "Texcoco", "Cuautitlán Izcalli", "Atizapán"), "Universidad Autónoma del Estado de México"),
    State("MN", "Michoacán", 4.7, ("Morelia", "Uruapan", "Zamora", "Lázaro Cárdenas"), "Universidad Michoacana de San Nicolás de Hidalgo"),
    State("MS", "Morelos", 2.0, ("Cuernavaca", "Cuautla"), "Universidad Autónoma del Estado de Morelos"),
    State("NT", "Nayarit", 1.2, ("Tepic",), "Universidad Autónoma de Nayarit"),
    State("NL", "Nuevo León", 5.8, ("Monterrey", "San Nicolás de los Garza", "Guadalupe", "Apodaca", "Santa Catarina"), "Universidad Autónoma de Nuevo León"),
    State("OC", "Oaxaca", 4.1, ("Oaxaca", "Salina Cruz", "Tuxtepec"), "Universidad Autónoma Benito Juárez de Oaxaca"),
    State("PL", "Puebla", 6.6, ("Puebla", "Tehuacán", "Atlixco", "Teziutlán"), "Benemérita Universidad Autónoma de Puebla"),
    State("QT", "Querétaro", 2.4, ("Querétaro", "San Juan del Río"), "Universidad Autónoma de Querétaro"),
    State("QR", "Quintana Roo", 1.9, ("Chetumal", "Cancún", "Playa del Carmen"), "Universidad de Quintana Roo"),
    State("SP", "San Luis Potosí", 2.8, ("San Luis Potosí", "Ciudad Valles", "Matehuala"), "Universidad Autónoma de San Luis Potosí"),
    State("SL", "Sinaloa", 3.0, ("Culiacán", "Mazatlán", "Los Mochis", "Guasave"), "Universidad Autónoma de Sinaloa"),
    State("SR", "Sonora", 2.9, ("Hermosillo", "Ciudad Obregón", "Nogales", "Navojoa"), "Universidad de Sonora"),
    State("TC", "Tabasco", 2.4, ("Villahermosa", "Cárdenas"), "Universidad Juárez Autónoma de Tabasco"),
    State("TS", "Tamaulipas", 3.5, ("Ciudad Victoria", "Tampico", "Reynosa", "Matamoros", "Nuevo Laredo"), "Universidad Autónoma de Tamaulipas"),
    State("TL", "Tlaxcala", 1.3, ("Tlaxcala", "Apizaco"), "Universidad Autónoma de Tlaxcala"),
    State("VZ", "Veracruz", 8.1, ("Veracruz", "Xalapa", "Orizaba", "Córdoba", "Poza Rica", "Coatzacoalcos", "Minatitlán"), "Universidad Veracruzana"),
    State("YN", "Yucatán", 2.3, ("Mérida", "Valladolid"), "Universidad Autónoma de Yucatán"),
    State("ZS", "Zacatecas", 1.6, ("Zacatecas", "Fresnillo"), "Universidad Autónoma de Zacatecas"),
)
# fmt: on

UNAM = "Universidad Nacional Autónoma de México"
IPN = "Instituto Politécnico Nacional"

# The CURP's state code for people born abroad.
BORN_ABROAD = "NE"


class SpecialtyRow(NamedTuple):
    code: str
    name_es: str
    name_en: str
    years: int
    prerequisite: str | None  # code of the specialty required first (branch entry)
    weight: float  # share of the institute's residents, in percent (roughly)
    umae_focus: str  # which UMAE focuses teach it (letters of UMAE.focus below)
    p_hgr: float  # chance that a regional general hospital (HGR) teaches it
    p_hgz: float  # same for a zone general hospital (HGZ)


# 74 specialties in the Mexican scheme: direct entry after the national exam
# (3-4 years) and branch specialties that require a completed prerequisite
# (2-3 years). Durations are simplified into those ranges (Neurosurgery, for
# one, lasts 5 years in reality). Family Medicine is taught at UMFs only.
# fmt: off
SPECIALTIES: tuple[SpecialtyRow, ...] = (
    # Direct entry.
    SpecialtyRow("ANES", "Anestesiología", "Anesthesiology", 3, None, 7.0, "AGPOCNT", 0.9, 0.55),
    SpecialtyRow("APAT", "Anatomía Patológica", "Anatomical Pathology", 3, None, 0.6, "AGPN", 0.2, 0.0),
    SpecialtyRow("AUDI", "Audiología, Otoneurología y Foniatría", "Audiology, Otoneurology and Phoniatrics", 3, None, 0.3, "AG", 0.1, 0.0),
    SpecialtyRow("CGRL", "Cirugía General", "General Surgery", 4, None, 6.5, "AG", 0.9, 0.55),
    SpecialtyRow("EPID", "Epidemiología", "Epidemiology", 3, None, 0.8, "AG", 0.3, 0.12),
    SpecialtyRow("GENE", "Genética Médica", "Medical Genetics", 4, None, 0.15, "PG", 0.0, 0.0),
    SpecialtyRow("GERI", "Geriatría", "Geriatrics", 4, None, 0.5, "AG", 0.2, 0.03),
    SpecialtyRow("GYO", "Ginecología y Obstetricia", "Obstetrics and Gynecology", 4, None, 7.0, "OG", 0.9, 0.55),
    SpecialtyRow("IMAG", "Imagenología Diagnóstica y Terapéutica", "Diagnostic and Therapeutic Imaging", 4, None, 3.0, "AGPOCNT", 0.6, 0.15),
    SpecialtyRow("REHA", "Medicina de Rehabilitación", "Physical Medicine and Rehabilitation", 3, None, 0.9, "TG", 0.2, 0.03),
    SpecialtyRow("URGE", "Medicina de Urgencias", "Emergency Medicine", 3, None, 6.0, "AGT", 0.8, 0.5),
    SpecialtyRow("DEPO", "Medicina del Deporte", "Sports Medicine", 3, None, 0.15, "T", 0.05, 0.0),
    SpecialtyRow("MTRA", "Medicina del Trabajo y Ambiental", "Occupational and Environmental Medicine", 3, None, 0.6, "G", 0.3, 0.1),
    SpecialtyRow("MFAM", "Medicina Familiar", "Family Medicine", 3, None, 22.0, "", 0.0, 0.0),
    SpecialtyRow("MINT", "Medicina Interna", "Internal Medicine", 4, None, 9.5, "AG", 0.95, 0.7),
    SpecialtyRow("MNUC", "Medicina Nuclear e Imagenología Molecular", "Nuclear Medicine and Molecular Imaging", 3, None, 0.2, "ANC", 0.0, 0.0),
    SpecialtyRow("NCIR", "Neurocirugía", "Neurosurgery", 4, None, 0.6, "AG", 0.08, 0.0),
    SpecialtyRow("OFTA", "Oftalmología", "Ophthalmology", 3, None, 1.2, "AGP", 0.3, 0.05),
    SpecialtyRow("ORL", "Otorrinolaringología y Cirugía de Cabeza y Cuello", "Otorhinolaryngology and Head and Neck Surgery", 4, None, 0.8, "AGP", 0.2, 0.03),
    SpecialtyRow("PCLI", "Patología Clínica", "Clinical Pathology", 3, None, 0.4, "AG", 0.15, 0.0),
    SpecialtyRow("PEDI", "Pediatría", "Pediatrics", 3, None, 6.0, "PG", 0.9, 0.45),
    SpecialtyRow("PSIQ", "Psiquiatría", "Psychiatry", 4, None, 1.2, "AG", 0.25, 0.05),
    SpecialtyRow("RONC", "Radio-Oncología", "Radiation Oncology", 3, None, 0.3, "N", 0.0, 0.0),
    SpecialtyRow("TYO", "Traumatología y Ortopedia", "Orthopedics and Traumatology", 4, None, 4.0, "TG", 0.6, 0.25),
    # Branches of Internal Medicine.
    SpecialtyRow("ALER", "Alergia e Inmunología Clínica", "Allergy and Clinical Immunology", 2, "MINT", 0.15, "AG", 0.0, 0.0),
    SpecialtyRow("CARD", "Cardiología", "Cardiology", 3, "MINT", 0.8, "CG", 0.08, 0.0),
    SpecialtyRow("DERM", "Dermatología", "Dermatology", 3, "MINT", 0.4, "AG", 0.05, 0.0),
    SpecialtyRow("ENDO", "Endocrinología", "Endocrinology", 2, "MINT", 0.3, "AG", 0.03, 0.0),
    SpecialtyRow("GAST", "Gastroenterología", "Gastroenterology", 3, "MINT", 0.35, "AG", 0.03, 0.0),
    SpecialtyRow("HEMA", "Hematología", "Hematology", 3, "MINT", 0.3, "AGN", 0.0, 0.0),
    SpecialtyRow("INFE", "Infectología", "Infectious Diseases", 2, "MINT", 0.25, "AG", 0.03, 0.0),
    SpecialtyRow("MCRI", "Medicina del Enfermo en Estado Crítico", "Critical Care Medicine", 2, "MINT", 0.7, "AGC", 0.3, 0.03),
    SpecialtyRow("NEFR", "Nefrología", "Nephrology", 3, "MINT", 0.5, "AG", 0.08, 0.0),
    SpecialtyRow("NEUM", "Neumología", "Pulmonology", 2, "MINT", 0.3, "AG", 0.03, 0.0),
    SpecialtyRow("NEUR", "Neurología", "Neurology", 3, "MINT", 0.4, "AG", 0.03, 0.0),
    SpecialtyRow("ONCM", "Oncología Médica", "Medical Oncology", 3, "MINT", 0.35, "NG", 0.0, 0.0),
    SpecialtyRow("REUM", "Reumatología", "Rheumatology", 2, "MINT", 0.25, "AG", 0.03, 0.0),
    SpecialtyRow("NUTR", "Nutriología Clínica", "Clinical Nutrition", 2, "MINT", 0.12, "A", 0.0, 0.0),
    # Branches of General Surgery.
    SpecialtyRow("ANGI", "Angiología, Cirugía Vascular y Endovascular", "Vascular and Endovascular Surgery", 3, "CGRL", 0.25, "AG", 0.03, 0.0),
    SpecialtyRow("CCAR", "Cirugía Cardiotorácica", "Cardiothoracic Surgery", 3, "CGRL", 0.15, "CG", 0.0, 0.0),
    SpecialtyRow("CONC", "Cirugía Oncológica", "Surgical Oncology", 3, "CGRL", 0.3, "NG", 0.0, 0.0),
    SpecialtyRow("CPED", "Cirugía Pediátrica", "Pediatric Surgery", 3, "CGRL", 0.35, "PG", 0.03, 0.0),
    SpecialtyRow("CPLA", "Cirugía Plástica y Reconstructiva", "Plastic and Reconstructive Surgery", 3, "CGRL", 0.3, "AGT", 0.03, 0.0),
    SpecialtyRow("COLO", "Coloproctología", "Coloproctology", 2, "CGRL", 0.12, "A", 0.0, 0.0),
    SpecialtyRow("UROL", "Urología", "Urology", 3, "CGRL", 0.5, "AG", 0.08, 0.0),
    # Branches of Pediatrics.
    SpecialtyRow("NEON", "Neonatología", "Neonatology", 2, "PEDI", 0.8, "PGO", 0.25, 0.02),
    SpecialtyRow("CARP", "Cardiología Pediátrica", "Pediatric Cardiology", 3, "PEDI", 0.2, "PC", 0.0, 0.0),
    SpecialtyRow("ENDP", "Endocrinología Pediátrica", "Pediatric Endocrinology", 2, "PEDI", 0.1, "P", 0.0, 0.0),
    SpecialtyRow("GASP", "Gastroenterología y Nutrición Pediátrica", "Pediatric Gastroenterology and Nutrition", 2, "PEDI", 0.12, "P", 0.0, 0.0),
    SpecialtyRow("HEMP", "Hematología Pediátrica", "Pediatric Hematology", 2, "PEDI", 0.12, "PG", 0.0, 0.0),
    SpecialtyRow("INFP", "Infectología Pediátrica", "Pediatric Infectious Diseases", 2, "PEDI", 0.12, "PG", 0.0, 0.0),
    SpecialtyRow("NEFP", "Nefrología Pediátrica", "Pediatric Nephrology", 2, "PEDI", 0.1, "PG", 0.0, 0.0),
    SpecialtyRow("NEUP", "Neumología Pediátrica", "Pediatric Pulmonology", 2, "PEDI", 0.1, "P", 0.0, 0.0),
    SpecialtyRow("NRLP", "Neurología Pediátrica", "Pediatric Neurology", 3, "PEDI", 0.15, "PG", 0.0, 0.0),
    SpecialtyRow("ONCP", "Oncología Pediátrica", "Pediatric Oncology", 3, "PEDI", 0.15, "PG", 0.0, 0.0),
    SpecialtyRow("REUP", "Reumatología Pediátrica", "Pediatric Rheumatology", 2, "PEDI", 0.06, "P", 0.0, 0.0),
    SpecialtyRow("MCRP", "Medicina del Enfermo Pediátrico en Estado Crítico", "Pediatric Critical Care Medicine", 2, "PEDI", 0.25, "PG", 0.03, 0.0),
    SpecialtyRow("URGP", "Urgencias Pediátricas", "Pediatric Emergency Medicine", 2, "PEDI", 0.2, "PG", 0.05, 0.0),
    SpecialtyRow("ALEP", "Alergia e Inmunología Clínica Pediátrica", "Pediatric Allergy and Clinical Immunology", 2, "PEDI", 0.08, "P", 0.0, 0.0),
    SpecialtyRow("DERP", "Dermatología Pediátrica", "Pediatric Dermatology", 2, "PEDI", 0.06, "P", 0.0, 0.0),
    # Branches of Obstetrics and Gynecology.
    SpecialtyRow("BIOR", "Biología de la Reproducción Humana", "Human Reproductive Biology", 2, "GYO", 0.12, "O", 0.0, 0.0),
    SpecialtyRow("MMFE", "Medicina Materno Fetal", "Maternal-Fetal Medicine", 2, "GYO", 0.25, "OG", 0.05, 0.0),
    SpecialtyRow("GONC", "Ginecología Oncológica", "Gynecologic Oncology", 3, "GYO", 0.15, "NO", 0.0, 0.0),
    SpecialtyRow("UGIN", "Urología Ginecológica", "Urogynecology", 2, "GYO", 0.08, "O", 0.0, 0.0),
    # Branches of Anesthesiology.
    SpecialtyRow("ALGO", "Algología", "Pain Medicine", 2, "ANES", 0.15, "NA", 0.0, 0.0),
    SpecialtyRow("ANEP", "Anestesiología Pediátrica", "Pediatric Anesthesiology", 2, "ANES", 0.15, "P", 0.0, 0.0),
    SpecialtyRow("NANE", "Neuroanestesiología", "Neuroanesthesiology", 2, "ANES", 0.1, "A", 0.0, 0.0),
    # Other branches, some of them of a branch.
    SpecialtyRow("PSIN", "Psiquiatría Infantil y de la Adolescencia", "Child and Adolescent Psychiatry", 2, "PSIQ", 0.1, "PG", 0.0, 0.0),
    SpecialtyRow("PATP", "Patología Pediátrica", "Pediatric Pathology", 2, "APAT", 0.05, "P", 0.0, 0.0),
    SpecialtyRow("NPAT", "Neuropatología", "Neuropathology", 2, "APAT", 0.04, "A", 0.0, 0.0),
    SpecialtyRow("DPAT", "Dermatopatología", "Dermatopathology", 2, "DERM", 0.04, "A", 0.0, 0.0),
    SpecialtyRow("ORLP", "Otorrinolaringología Pediátrica", "Pediatric Otorhinolaryngology", 2, "ORL", 0.05, "P", 0.0, 0.0),
    SpecialtyRow("NFIS", "Neurofisiología Clínica", "Clinical Neurophysiology", 2, "NEUR", 0.06, "A", 0.0, 0.0),
    SpecialtyRow("UPED", "Urología Pediátrica", "Pediatric Urology", 2, "CPED", 0.05, "P", 0.0, 0.0),
)
# fmt: on

FAMILY_MEDICINE = "MFAM"
INTERNAL_MEDICINE = "MINT"
ANESTHESIOLOGY = "ANES"
ORTHOPEDICS = "TYO"


class UMAE(NamedTuple):
    state: str
    name: str
    # What it teaches: A adult specialties, G general (all areas), P pediatrics,
    # O obstetrics, C cardiology, N oncology, T traumatology.
    focus: str
    size: float = 1.0  # the national medical centres train more residents per course


# The institute's high-specialty units (third level), where they really are.
# fmt: off
UMAES: tuple[UMAE, ...] = (
    UMAE("DF", "UMAE Hospital de Especialidades CMN Siglo XXI", "A", 2.0),
    UMAE("DF", "UMAE Hospital de Pediatría CMN Siglo XXI", "P"),
    UMAE("DF", "UMAE Hospital de Cardiología CMN Siglo XXI", "C"),
    UMAE("DF", "UMAE Hospital de Oncología CMN Siglo XXI", "N"),
    UMAE("DF", "UMAE Hospital de Especialidades CMN La Raza", "A", 1.6),
    UMAE("DF", "UMAE Hospital General CMN La Raza", "G"),
    UMAE("DF", "UMAE Hospital de Gineco Obstetricia No. 3 CMN La Raza", "O"),
    UMAE("DF", "UMAE Hospital de Gineco Obstetricia No. 4", "O"),
    UMAE("DF", "UMAE Hospital de Traumatología y Ortopedia Magdalena de las Salinas", "T", 1.5),
    UMAE("MC", "UMAE Hospital de Traumatología y Ortopedia Lomas Verdes", "T"),
    UMAE("JC", "UMAE Hospital de Especialidades CMN de Occidente", "A", 1.6),
    UMAE("JC", "UMAE Hospital de Pediatría CMN de Occidente", "P"),
    UMAE("JC", "UMAE Hospital de Gineco Obstetricia CMN de Occidente", "O"),
    UMAE("NL", "UMAE Hospital de Especialidades No. 25", "A", 1.3),
    UMAE("NL", "UMAE Hospital de Cardiología No. 34", "C"),
    UMAE("NL", "UMAE Hospital de Traumatología y Ortopedia No. 21", "T"),
    UMAE("NL", "UMAE Hospital de Gineco Obstetricia No. 23", "O"),
    UMAE("PL", "UMAE Hospital de Especialidades CMN Manuel Ávila Camacho", "A"),
    UMAE("PL", "UMAE Hospital de Traumatología y Ortopedia de Puebla", "T"),
    UMAE("VZ", "UMAE Hospital de Especialidades No. 14 CMN Adolfo Ruiz Cortines", "G"),
    UMAE("SR", "UMAE Hospital de Especialidades No. 2 CMN del Noroeste", "G"),
    UMAE("YN", "UMAE Hospital de Especialidades CMN Ignacio García Téllez", "G"),
    UMAE("CL", "UMAE Hospital de Especialidades No. 71", "G"),
    UMAE("GT", "UMAE Hospital de Especialidades No. 1 CMN del Bajío", "G"),
    UMAE("GT", "UMAE Hospital de Gineco Pediatría No. 48", "OP"),
)
# fmt: on

# The site the demo's site coordinator, professor and resident belong to.
DEMO_SITE = "UMAE Hospital de Especialidades CMN Siglo XXI"

# Second- and first-level academic sites per state: (HGR, HGZ, UMF).
# With the 25 UMAEs they make the 254 published sites.
SITES_PER_STATE: dict[str, tuple[int, int, int]] = {
    "AS": (0, 2, 1),
    "BC": (2, 4, 3),
    "BS": (0, 2, 1),
    "CC": (0, 2, 1),
    "CL": (1, 5, 2),
    "CM": (0, 1, 1),
    "CS": (1, 3, 2),
    "CH": (2, 5, 3),
    "DF": (3, 8, 7),
    "DG": (1, 2, 1),
    "GT": (1, 5, 3),
    "GR": (1, 3, 2),
    "HG": (1, 3, 2),
    "JC": (2, 7, 4),
    "MC": (3, 10, 6),
    "MN": (1, 4, 2),
    "MS": (1, 2, 2),
    "NT": (0, 2, 1),
    "NL": (2, 6, 3),
    "OC": (1, 3, 2),
    "PL": (1, 4, 3),
    "QT": (1, 3, 2),
    "QR": (1, 2, 1),
    "SP": (1, 3, 2),
    "SL": (1, 4, 2),
    "SR": (1, 4, 2),
    "TC": (1, 2, 2),
    "TS": (1, 5, 3),
    "TL": (0, 2, 1),
    "VZ": (2, 7, 4),
    "YN": (1, 3, 2),
    "ZS": (1, 2, 1),
}

# Foreign residents' countries (ISO 3166) and how often each appears.
FOREIGN_COUNTRIES: tuple[tuple[str, int], ...] = (
    ("HN", 25),
    ("CO", 20),
    ("BO", 15),
    ("EC", 15),
    ("CU", 10),
    ("SV", 12),
    ("GT", 14),
    ("NI", 8),
    ("DO", 10),
)

FEMALE_NAMES: tuple[str, ...] = (
    "María Fernanda",
    "Daniela",
    "Ana Karen",
    "Andrea",
    "Alejandra",
    "Mariana",
    "Gabriela",
    "Karla",
    "Paola",
    "Fernanda",
    "Valeria",
    "Diana",
    "Laura",
    "Adriana",
    "Mónica",
    "Claudia",
    "Verónica",
    "Patricia",
    "Ana Laura",
    "Elizabeth",
    "Jessica",
    "Brenda",
    "Lizbeth",
    "Itzel",
    "Ximena",
    "Sofía",
    "Montserrat",
    "Alondra",
    "Araceli",
    "Leticia",
    "Rocío",
    "Cecilia",
    "Natalia",
    "Carolina",
    "Vanessa",
    "Yesenia",
    "Guadalupe",
    "María José",
    "María Guadalupe",
    "Nancy",
    "Erika",
    "Berenice",
    "Beatriz",
    "Karina",
    "Nayeli",
    "Citlali",
    "Xóchitl",
    "Estefanía",
    "Lorena",
    "Miriam",
    "Sandra",
    "Silvia",
    "Tania",
    "Viridiana",
    "Liliana",
    "Ivonne",
    "Jimena",
    "Regina",
    "Renata",
    "Abril",
    "Ana Sofía",
    "Dulce María",
    "Perla",
    "Mayra",
    "Rebeca",
    "Esmeralda",
    "Marisol",
    "Yolanda",
    "Irma",
    "Maricela",
)

MALE_NAMES: tuple[str, ...] = (
    "José Luis",
    "Juan Carlos",
    "Luis Fernando",
    "Carlos",
    "Jorge",
    "Miguel Ángel",
    "Alejandro",
    "Eduardo",
    "Ricardo",
    "Fernando",
    "Daniel",
    "Roberto",
    "Francisco",
    "Javier",
    "Sergio",
    "Arturo",
    "Raúl",
    "Óscar",
    "Héctor",
    "Manuel",
    "Antonio",
    "Rafael",
    "Jesús",
    "Diego",
    "Andrés",
    "Emmanuel",
    "Iván",
    "Omar",
    "Gerardo",
    "Alberto",
    "Víctor Hugo",
    "Mario",
    "Enrique",
    "Gustavo",
    "Hugo",
    "Édgar",
    "Rodrigo",
    "Pablo",
    "Israel",
    "Adrián",
    "Christian",
    "Julio César",
    "Erick",
    "Ulises",
    "Mauricio",
    "Armando",
    "Salvador",
    "Saúl",
    "Abraham",
    "Josué",
    "Aarón",
    "Ángel",
    "Uriel",
    "Bryan",
    "Kevin",
    "Luis Ángel",
    "José Antonio",
    "Juan Pablo",
    "Santiago",
    "Sebastián",
    "Jonathan",
    "Alan",
    "Marco Antonio",
    "Ernesto",
    "Guillermo",
    "Rubén",
    "Ismael",
    "Octavio",
    "Efraín",
    "Gilberto",
)

# The most frequent Mexican surnames, most frequent first (the generator
# weights them by rank). A few carry particles ("De la", "Del") or an Ñ, which
# the CURP rules treat specially.
SURNAMES: tuple[str, ...] = (
    "Hernández",
    "García",
    "Martínez",
    "López",
    "González",
    "Pérez",
    "Rodríguez",
    "Sánchez",
    "Ramírez",
    "Cruz",
    "Flores",
    "Gómez",
    "Morales",
    "Vázquez",
    "Reyes",
    "Jiménez",
    "Torres",
    "Díaz",
    "Gutiérrez",
    "Ruiz",
    "Mendoza",
    "Aguilar",
    "Ortiz",
    "Moreno",
    "Castillo",
    "Romero",
    "Álvarez",
    "Méndez",
    "Chávez",
    "Rivera",
    "Juárez",
    "Ramos",
    "Domínguez",
    "Herrera",
    "Medina",
    "Castro",
    "Vargas",
    "Guzmán",
    "Velázquez",
    "Muñoz",
    "Rojas",
    "De la Cruz",
    "Contreras",
    "Salazar",
    "Luna",
    "Ortega",
    "Santiago",
    "Guerrero",
    "Estrada",
    "Bautista",
    "Cortés",
    "Soto",
    "Alvarado",
    "Espinoza",
    "Lara",
    "Ávila",
    "Ríos",
    "Cervantes",
    "Silva",
    "Delgado",
    "Vega",
    "Márquez",
    "Sandoval",
    "Carrillo",
    "León",
    "Mejía",
    "Solís",
    "Núñez",
    "Rosas",
    "Valdez",
    "Ibarra",
    "Campos",
    "Acosta",
    "Navarro",
    "Peña",
    "Pacheco",
    "Cabrera",
    "Molina",
    "Fuentes",
    "Robles",
    "Camacho",
    "Rosales",
    "Trejo",
    "Orozco",
    "Zamora",
    "Miranda",
    "Salinas",
    "Padilla",
    "Villanueva",
    "Galván",
    "Montes",
    "Benítez",
    "Escobar",
    "Maldonado",
    "Nava",
    "Ochoa",
    "Beltrán",
    "Zúñiga",
    "Ibáñez",
    "Del Ángel",
    "De León",
    "Olvera",
    "Arellano",
    "Tapia",
    "Quintero",
    "Barrera",
    "Cisneros",
    "Valencia",
    "Téllez",
)

WITHDRAWAL_REASONS: tuple[str, ...] = (
    "Renuncia voluntaria por motivos personales.",
    "Renuncia por motivos familiares.",
    "Baja por motivos de salud.",
    "Cambio de especialidad tras presentar de nuevo el ENARM.",
    "Baja académica: evaluación anual no aprobatoria.",
    "Renuncia para incorporarse a otra institución.",
)


class DemoUser(NamedTuple):
    username: str
    role: str  # accounts.enums.Role value
    first_name: str
    last_name: str


# One account per role. The resident's names come from the Person it is linked to.
DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("nacional", "national", "Patricia", "Olvera Núñez"),
    DemoUser("regional", "regional", "Arturo", "Campos Ledesma"),
    DemoUser("sede", "site", "Gabriela", "Fuentes Arriaga"),
    DemoUser("profesor", "professor", "Héctor", "Villaseñor Ruiz"),
    DemoUser("residente", "resident", "", ""),
)
SUPERUSER = DemoUser("admin", "national", "Mario", "Bautista Lara")
# An applicant of next year's admission cycle: no role, their own application only.
APPLICANT = DemoUser("aspirante", "", "", "")
DEMO_PASSWORD = "edusalud"


class DemoCourse(NamedTuple):
    title: str
    areas: tuple[str, ...]  # training.CompetencyArea codes
    hours: int
    modality: str  # training.Modality value
    audience: str  # training.Audience value
    resident_year: int | None = None


# Transversal courses the institute runs (DOMAIN.md): each has past national editions.
COURSES: tuple[DemoCourse, ...] = (
    DemoCourse(
        "Buen trato en la atención y en la formación",
        ("buen-trato", "desarrollo-humano"),
        20,
        "online",
        "residents",
        1,
    ),
    DemoCourse(
        "Toma de decisiones clínicas basada en evidencia",
        ("toma-de-decisiones", "investigacion"),
        40,
        "blended",
        "residents",
    ),
    DemoCourse(
        "Metodología de la investigación clínica", ("investigacion",), 80, "blended", "residents", 2
    ),
    DemoCourse(
        "Inglés médico: lectura crítica de artículos",
        ("ingles", "investigacion"),
        60,
        "online",
        "staff",
    ),
    DemoCourse(
        "Liderazgo y trabajo en equipo en salud", ("liderazgo", "gestion"), 30, "in_person", "staff"
    ),
    DemoCourse("Gestión de servicios de salud", ("gestion",), 40, "online", "professors"),
    DemoCourse(
        "Igualdad, equidad y perspectiva de género",
        ("igualdad-equidad-genero",),
        20,
        "online",
        "staff",
    ),
    DemoCourse(
        "Código de conducta y ética institucional",
        ("codigos-conducta-etica",),
        10,
        "online",
        "staff",
    ),
    DemoCourse(
        "El residente como educador",
        ("desarrollo-humano", "liderazgo"),
        40,
        "blended",
        "professors",
    ),
)
