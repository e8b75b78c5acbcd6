"""Rule packs: schema, safe YAML reading, resolution of extends."""
