"""The marks every page of a document carries above its text (one wording for every format)."""

ILLUSTRATIVE = "DỮ LIỆU MINH HỌA"  # the plan's data is a reconstruction or an example
DRAFT = "DỰ THẢO"  # nobody can sign it yet: no signer, or data not committed
