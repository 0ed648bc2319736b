"""Paperwork named in the other languages people keep files in: Rechnung_Telekom_03-2024.pdf, facture_EDF.pdf.

German, French, Spanish, Italian and Dutch words for the documents of a household and a job (invoices, payslips,
contracts, tenancy agreements, tax papers, minutes, quotes, bills, letters), described in English by the everyday
source's own document builder, with the same subjects, dates and versions. Part of the everyday source; its own
random stream, so no other record changes.
"""

from __future__ import annotations

import random
import re

from core.describe.facts import name_facts
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
    # added in the fourteenth session, after the others so that their draws stay: more of the same paperwork
    Kind(("Kostenvoranschlag",), "a cost estimate", ("company", "number"), PDF),
    Kind(("Lebenslauf",), "a CV", ("person",), DOC, dated=False),
    Kind(("Mahnung",), "a payment reminder", ("company",), PDF),
    Kind(("Nebenkostenabrechnung",), "a statement of service charges", ("place", "year"), PDF),
    Kind(("Stromrechnung",), "an electricity bill", ("company",), PDF),
    Kind(("Bescheinigung",), "a certificate", ("company",), PDF),
    Kind(("Antrag",), "an application form", ("topic",), PDF),
    Kind(("Krankmeldung",), "a sick note", ("person",), SCANNED),
    Kind(("Kaufvertrag",), "a purchase contract", ("product",), PDF),
    Kind(("Zeugnis",), "a school report", ("school", "year"), SCANNED, dated=False),
    Kind(("Bericht",), "a report", ("topic", "project"), DOC),
    Kind(("Anschreiben",), "a cover letter", ("company", "role"), DOC, dated=False),
    Kind(("Brief",), "a letter", ("company", "person"), DOC),
    Kind(("ordonnance",), "a prescription", ("person",), SCANNED),
    Kind(("lettre_de_resiliation", "resiliation"), "a cancellation letter", ("company",), DOC),
    Kind(("bon_de_commande",), "a purchase order", ("company", "number"), PDF),
    Kind(("releve_de_notes",), "a transcript of grades", ("school", "year"), PDF, dated=False),
    Kind(("justificatif_de_domicile",), "a proof of address", ("company",), PDF),
    Kind(("procuration",), "a power of attorney", ("person",), DOC, dated=False),
    Kind(("rapport",), "a report", ("topic", "project"), DOC),
    Kind(("courrier", "lettre"), "a letter", ("company", "person"), DOC),
    Kind(("attestation_employeur",), "an employer's certificate", ("company",), PDF),
    Kind(("presupuesto",), "a quote", ("company", "number"), PDF),
    Kind(("informe",), "a report", ("topic", "project"), DOC),
    Kind(("solicitud",), "an application", ("topic",), PDF),
    Kind(("certificado",), "a certificate", ("company", "course"), PDF),
    Kind(("carta",), "a letter", ("company", "person"), DOC),
    Kind(("justificante", "justificante_pago"), "a proof of payment", ("company",), PDF),
    Kind(("contrato_alquiler",), "a tenancy agreement", ("place",), PDF),
    Kind(("poliza_seguro", "póliza"), "an insurance policy", ("insurer",), PDF),
    Kind(("multa",), "a fine", ("place",), SCANNED),
    Kind(("bolletta",), "a utility bill", ("company",), PDF),
    Kind(("bolletta_luce",), "an electricity bill", ("company",), PDF),
    Kind(("bolletta_gas",), "a gas bill", ("company",), PDF),
    Kind(("preventivo",), "a quote", ("company", "number"), PDF),
    Kind(("relazione",), "a report", ("topic", "project"), DOC),
    Kind(("certificato",), "a certificate", ("company", "course"), PDF),
    Kind(("lettera",), "a letter", ("company", "person"), DOC),
    Kind(("dichiarazione_redditi",), "a tax return", ("year",), PDF, dated=False),
    Kind(("contratto_affitto",), "a tenancy agreement", ("place",), PDF),
    Kind(("estratto_conto",), "a bank statement", ("bank",), PDF),
    Kind(("polizza",), "an insurance policy", ("insurer",), PDF),
    Kind(("verslag",), "a report", ("topic", "team"), DOC),
    Kind(("rekening",), "a bill", ("company",), PDF),
    Kind(("bankafschrift", "afschrift"), "a bank statement", ("bank",), PDF),
    Kind(("sollicitatiebrief",), "a cover letter", ("company", "role"), DOC, dated=False),
    Kind(("arbeidsovereenkomst",), "an employment contract", ("company",), PDF, dated=False),
    Kind(("polis", "verzekeringspolis"), "an insurance policy", ("insurer",), PDF),
    Kind(("jaaropgave",), "an annual statement", ("company", "year"), PDF, dated=False),
    Kind(("aanmaning",), "a payment reminder", ("company",), PDF),
    Kind(("energierekening",), "an energy bill", ("company",), PDF),
    Kind(("huurovereenkomst",), "a tenancy agreement", ("place",), PDF),
    Kind(("opzegging",), "a cancellation letter", ("company",), DOC),
    Kind(("brief",), "a letter", ("company", "person"), DOC),
)


def foreign_documents(seed: int, per_kind: int = 12) -> list[Record]:
    """`per_kind` documents of each foreign kind, described in English, but those named by their word and a state
    alone (`state_only`)."""
    rng = random.Random(f"{seed}:foreign")
    drawn = [(kind, document(kind, rng)) for kind in FOREIGN_KINDS for _ in range(per_kind)]
    grouped = in_buckets([record for _, record in drawn])  # the groups as before the filter: no record moves split
    return [record for (kind, _), record in zip(drawn, grouped, strict=True) if not state_only(kind, record)]


def state_only(kind: Kind, record: Record) -> bool:
    """Whether the name is the kind's word with a state or version alone ("Rekening Draft.docx", "rekening_signed"):
    the memory ranks it by the English state word, beside "thesis_draft_v7.docx", and lends that its translation
    ("draft of a bill")."""
    facts = name_facts(record.filename)
    kind_words = {word.lower() for name in kind.names for word in re.split(r"[_ ]", name)}
    return bool(facts.version) and not facts.date and {w.lower() for w in facts.words.split()} <= kind_words
