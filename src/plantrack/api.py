"""The library surface the CLI calls and Python users import: the application layer's use
cases, re-exported (each lives in one module of ``plantrack.app``)."""

from __future__ import annotations

from plantrack import layout
from plantrack.app.audit import run_audit
from plantrack.app.check import CheckResult, check
from plantrack.app.codeowners import (
    codeowners,
    codeowners_text,
    write_codeowners,
    write_codeowners_file,
)
from plantrack.app.consolidate import (
    Consolidated,
    Options,
    Prepared,
    consolidate_period,
    latest_period,
)
from plantrack.app.consolidate import prepare as prepare_consolidation
from plantrack.app.emulation import (
    EmulationScore,
    emulation_score,
    export_self_sheet,
    import_self_sheet,
)
from plantrack.app.emulation import write_documents as write_emulation_documents
from plantrack.app.form_export import Exported, export_forms
from plantrack.app.form_import import Imported, import_file
from plantrack.app.guard import Outcome, write_guarded
from plantrack.app.handover import (
    HandoverDocument,
    HandoverResult,
    handover_list,
    write_handover_docx,
)
from plantrack.app.history import run_history
from plantrack.app.init import DEFAULT_PERIODS, Initialised, default_title, init_repository
from plantrack.app.inspection import InspectionStatus, inspection_status, new_inspection
from plantrack.app.inspection_docs import DocumentRequest, inspection_document
from plantrack.app.migrate import Migration, migrate
from plantrack.app.outputs import (
    FORMATS,
    check_output_folder,
    render_outputs,
    write_outputs,
)
from plantrack.app.record import record_consolidation
from plantrack.app.remind import Letter, Reminded, remind
from plantrack.app.report_new import NewReport, new_report
from plantrack.app.schema import write_schemas
from plantrack.app.status import Status, status
from plantrack.errors import PlantrackError
from plantrack.io.repo import find_repo, relative
from plantrack.validate.require import Repository, require_period, require_plan

__all__ = [
    "DEFAULT_PERIODS",
    "FORMATS",
    "CheckResult",
    "Consolidated",
    "DocumentRequest",
    "EmulationScore",
    "Exported",
    "HandoverDocument",
    "HandoverResult",
    "Imported",
    "Initialised",
    "InspectionStatus",
    "Letter",
    "Migration",
    "NewReport",
    "Options",
    "Outcome",
    "PlantrackError",
    "Prepared",
    "Reminded",
    "Repository",
    "Status",
    "check",
    "check_output_folder",
    "codeowners",
    "codeowners_text",
    "consolidate_period",
    "default_title",
    "emulation_score",
    "export_forms",
    "export_self_sheet",
    "find_repo",
    "handover_list",
    "import_file",
    "import_self_sheet",
    "init_repository",
    "inspection_document",
    "inspection_status",
    "latest_period",
    "layout",
    "migrate",
    "new_inspection",
    "new_report",
    "prepare_consolidation",
    "record_consolidation",
    "relative",
    "remind",
    "render_outputs",
    "require_period",
    "require_plan",
    "run_audit",
    "run_history",
    "status",
    "write_codeowners",
    "write_codeowners_file",
    "write_emulation_documents",
    "write_guarded",
    "write_handover_docx",
    "write_outputs",
    "write_schemas",
]
