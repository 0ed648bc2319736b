"""Paperwork named in the other languages people keep files in: Rechnung_Telekom_03-2024.pdf, facture_EDF.pdf.

German, French, Spanish, Italian and Dutch words for the documents of a household and a job (invoices, payslips,
contracts, tenancy agreements, tax papers, minutes), described in English by the everyday source's own document
builder, with the same subjects, dates and versions. Part of the everyday source; its own random stream, so no
other record changes.
"""

from __future__ import annotations

import random

from training.corpus.everyday import document
from training.corpus.lexicon import DOC, PDF, SCANNED, Kind
from training.corpus.records import Record, in_buckets

FOREIGN_KINDS: tuple[Kind, ...] = (
    # German
    Kind(("Rechnung", "rechnung"), "an invoice", ("company", "number"), PDF),
    Kind(("Kündigung", "Kuendigung"), "a cancellation letter", ("company",), DOC),
    Kind(("Mietvertrag",), "a tenancy agreement", ("place",), PDF),
    Kind(("Arbeitsvertrag",), "an employment contract", ("company",), PDF),
    Kind(("Gehaltsabrechnung", "Lohnabrechnung"), "a payslip", ("company",), PDF),
    Kind(("Steuererklärung", "Steuererklaerung"), "a tax return", ("year",), PDF, dated=False),
    Kind(("Steuerbescheid",), "a tax assessment", ("year",), PDF, dated=False),
    Kind(("Protokoll",), "the minutes", ("team",), DOC),
    Kind(("Bewerbung",), "a job application", ("company", "role"), DOC, dated=False),
    Kind(("Arbeitszeugnis",), "an employer's reference letter", ("company",), PDF, dated=False),
    Kind(("Versicherungsschein", "Police"), "an insurance policy", ("insurer",), PDF),
    Kind(("Angebot",), "a quote", ("company", "number"), PDF),
    Kind(("Vollmacht",), "a power of attorney", ("person",), DOC, dated=False),
    Kind(("Anmeldung", "Meldebescheinigung"), "a registration of address", ("place",), SCANNED),
    # French
    Kind(("facture", "Facture"), "an invoice", ("company", "number"), PDF),
    Kind(("bulletin_de_salaire", "fiche_de_paie"), "a payslip", ("company",), PDF),
    Kind(("attestation",), "a certificate", ("company",), PDF),
    Kind(("contrat_de_travail",), "an employment contract", ("company",), PDF, dated=False),
    Kind(("bail", "contrat_de_location"), "a tenancy agreement", ("place",), PDF),
    Kind(("quittance_de_loyer",), "a rent receipt", ("place",), PDF),
    Kind(("releve_bancaire", "relevé de compte"), "a bank statement", ("bank",), PDF),
    Kind(("avis_d_imposition",), "a tax notice", ("year",), PDF, dated=False),
    Kind(("devis",), "a quote", ("company", "number"), PDF),
    Kind(("compte_rendu",), "the minutes", ("team",), DOC),
    Kind(("lettre_de_motivation",), "a cover letter", ("company", "role"), DOC, dated=False),
    # Spanish
    Kind(("factura",), "an invoice", ("company", "number"), PDF),
    Kind(("nomina", "nómina"), "a payslip", ("company",), PDF),
    Kind(("contrato",), "a contract", ("company",), PDF),
    Kind(("recibo",), "a receipt", ("company",), SCANNED),
    Kind(("declaracion_renta",), "a tax return", ("year",), PDF, dated=False),
    Kind(("extracto_bancario",), "a bank statement", ("bank",), PDF),
    Kind(("acta",), "the minutes", ("team",), DOC),
    # Italian
    Kind(("fattura",), "an invoice", ("company", "number"), PDF),
    Kind(("busta_paga", "cedolino"), "a payslip", ("company",), PDF),
    Kind(("contratto",), "a contract", ("company",), PDF),
    Kind(("ricevuta",), "a receipt", ("company",), SCANNED),
    Kind(("verbale",), "the minutes", ("team",), DOC),
    # Dutch
    Kind(("factuur",), "an invoice", ("company", "number"), PDF),
    Kind(("loonstrook",), "a payslip", ("company",), PDF),
    Kind(("huurcontract",), "a tenancy agreement", ("place",), PDF),
    Kind(("belastingaangifte", "aangifte"), "a tax return", ("year",), PDF, dated=False),
    Kind(("notulen",), "the minutes", ("team",), DOC),
    Kind(("offerte",), "a quote", ("company", "number"), PDF),
)


def foreign_documents(seed: int, per_kind: int = 12) -> list[Record]:
    """`per_kind` documents of each foreign kind, described in English."""
    rng = random.Random(f"{seed}:foreign")
    return in_buckets([document(kind, rng) for kind in FOREIGN_KINDS for _ in range(per_kind)])
