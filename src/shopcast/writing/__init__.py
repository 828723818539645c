"""Briefs → grounded sales scripts: LLM providers, prompts, the grounding check against the
catalog, and the claims/disclosure policy per market.

Public API::

    from shopcast.writing.generator import write_scripts      # -> list[Script]
    from shopcast.writing.grounding import check_line, Violation
    from shopcast.writing.policy import load_policy, ClaimsPolicy
    from shopcast.writing.script import Script, Beat, estimate_seconds
    from shopcast.writing.llm import get_llm, LLM
"""
