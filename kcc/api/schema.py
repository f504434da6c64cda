"""Document the error answers every operation can give, so that clients (and the
schema-driven fuzz test) know them: 400 per field, 401/403, 404, 409 and 415."""

DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# A message list per field (or `non_field_errors`), or a `detail` for the request.
VALIDATION = {"type": "object", "additionalProperties": True}


def _error(description: str, name: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}},
    }


def document_error_responses(result, generator, request, public):
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Fout", DETAIL)
    schemas.setdefault("Validatiefout", VALIDATION)
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            responses.setdefault("400", _error("Ongeldige invoer", "Validatiefout"))
            if {} not in operation.get("security", [{}]):
                responses.setdefault("401", _error("Niet aangemeld", "Fout"))
                responses.setdefault("403", _error("Geen toegang", "Fout"))
            parameters = operation.get("parameters", [])
            if "{" in path or any(p.get("name") == "page" for p in parameters):
                responses.setdefault("404", _error("Niet gevonden", "Fout"))
            if "requestBody" in operation:
                responses.setdefault("415", _error("Niet ondersteund mediatype", "Fout"))
            if method == "delete":
                responses.setdefault("409", _error("Nog in gebruik", "Fout"))
    return result
