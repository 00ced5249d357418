//! The JSON Schema of the export: docket's own (`docket.schema.json`),
//! written as it is for a site that declares nothing in `[fields]`, and
//! otherwise with the site's declarations: a standard key that may be
//! missing may be `null` (or an empty list), and each field of the site's
//! own is described with its type, its allowed values and its label.

use serde_json::{json, Map, Value};

use super::SCHEMA_TEXT;
use crate::config::{Field, FieldType, Fields, KindFields, Level, Relation, Relations, Vocabulary};

/// The `$defs` of each kind's record, in the order of `config::fields::KINDS`,
/// then of a case's (`[fields.case]`).
const DEFS: [(&str, &str); 4] = [
    ("policy", "policy"),
    ("court-action", "court_action"),
    ("commentary", "commentary"),
    ("case", "case"),
];

/// The schema of the site's export.
pub fn schema(fields: &Fields, vocabulary: &Vocabulary, relations: &Relations) -> Vec<u8> {
    // Only a field of the site's own, a key that may be missing or a
    // declared relation changes what the export holds.
    let changes =
        |k: &KindFields| !k.extra.is_empty() || k.levels.values().any(|l| *l != Level::Required);
    if !DEFS.iter().any(|(kind, _)| changes(fields.of(kind)))
        && relations.is_empty()
        && vocabulary.own_lists().next().is_none()
    {
        return SCHEMA_TEXT.as_bytes().to_vec();
    }
    let Ok(mut schema) = serde_json::from_str::<Value>(SCHEMA_TEXT) else {
        return SCHEMA_TEXT.as_bytes().to_vec();
    };
    for (kind, def) in DEFS {
        if let Some(Value::Object(record)) = schema.pointer_mut(&format!("/$defs/{def}")) {
            declare(record, fields.of(kind), vocabulary);
        }
    }
    // The export's `vocabularies` has the site's own lists beside the
    // standard ones.
    if let Some(Value::Array(names)) =
        schema.pointer_mut("/properties/vocabularies/propertyNames/enum")
    {
        names.extend(vocabulary.own_lists().map(Value::from));
    }
    // Relations join kinds of entries, not cases.
    for &(kind, def) in &DEFS[..3] {
        let joined: Vec<&Relation> = relations
            .list
            .iter()
            .filter(|r| r.from == kind || r.to == kind)
            .collect();
        if let Some(Value::Object(record)) = schema.pointer_mut(&format!("/$defs/{def}")) {
            declare_relations(record, &joined);
        }
    }
    let mut bytes = serde_json::to_vec_pretty(&schema).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

fn declare(record: &mut Map<String, Value>, kind: &KindFields, vocabulary: &Vocabulary) {
    if let Some(Value::Object(props)) = record.get_mut("properties") {
        for (key, level) in &kind.levels {
            if *level != Level::Required {
                if let Some(Value::Object(p)) = props.get_mut(key) {
                    may_be_missing(p);
                }
            }
        }
        for field in &kind.extra {
            props.insert(field.key.clone(), property(field, vocabulary));
        }
    }
    if let Some(Value::Array(required)) = record.get_mut("required") {
        required.extend(kind.extra.iter().map(|f| Value::from(f.key.as_str())));
    }
}

/// The `relations` of a record: a member per declared relation that
/// joins its kind.
fn declare_relations(record: &mut Map<String, Value>, relations: &[&Relation]) {
    if relations.is_empty() {
        return;
    }
    let items = json!({
        "type": "array",
        "items": {
            "oneOf": [
                {
                    "type": "object",
                    "required": ["id", "note"],
                    "additionalProperties": false,
                    "properties": {
                        "id": { "$ref": "#/$defs/id" },
                        "note": { "type": ["string", "null"] }
                    }
                },
                {
                    "type": "object",
                    "required": ["title", "url", "note"],
                    "additionalProperties": false,
                    "description": "Something that is not an entry of the site, by its name.",
                    "properties": {
                        "title": { "type": "string" },
                        "url": { "type": ["string", "null"] },
                        "note": { "type": ["string", "null"] }
                    }
                }
            ]
        }
    });
    let members: Map<String, Value> = relations
        .iter()
        .map(|r| {
            let value = json!({
                "type": "object",
                "description": if r.lineage {
                    format!("{} / {}; it joins policies into lineages, as supersedes does (lineage = true).", r.label, r.inverse)
                } else {
                    format!("{} / {}", r.label, r.inverse)
                },
                "required": ["names", "named_by"],
                "additionalProperties": false,
                "properties": {
                    "names": { "description": format!("{}: the {} entries it names, in the order its file writes them.", r.label, r.to), "allOf": [items.clone()] },
                    "named_by": { "description": format!("{}: the {} entries that name it, by date.", r.inverse, r.from), "allOf": [items.clone()] }
                }
            });
            (r.key.clone(), value)
        })
        .collect();
    let keys: Vec<Value> = relations
        .iter()
        .map(|r| Value::from(r.key.as_str()))
        .collect();
    if let Some(Value::Object(props)) = record.get_mut("properties") {
        props.insert(
            "relations".into(),
            json!({
                "type": "object",
                "description": "The relations docket.toml declares in [relations], by key.",
                "required": keys,
                "additionalProperties": false,
                "properties": members
            }),
        );
    }
    if let Some(Value::Array(required)) = record.get_mut("required") {
        required.push(Value::from("relations"));
    }
}

/// A standard key's schema loosened for a missing value: a text may be
/// `null`, a list may be empty.
fn may_be_missing(p: &mut Map<String, Value>) {
    p.remove("minItems");
    if p.get("type") == Some(&json!("string")) {
        p.insert("type".into(), json!(["string", "null"]));
    }
}

/// The schema of a field of the site's own: its value, or `null` for an
/// entry that has none (always `null` is allowed: a required field is
/// required of the files, and the export of an old build is still read).
fn property(field: &Field, vocabulary: &Vocabulary) -> Value {
    let allowed = field.vocabulary.as_deref().and_then(|v| vocabulary.list(v));
    let term = match allowed {
        Some(values) => json!({ "enum": values }),
        None => json!({ "type": "string" }),
    };
    let value = match field.ty {
        FieldType::Text => json!({ "type": "string" }),
        FieldType::Url => json!({ "type": "string", "format": "uri" }),
        FieldType::Date => json!({ "$ref": "#/$defs/date" }),
        FieldType::Number => json!({ "type": "number" }),
        FieldType::Term => term,
        FieldType::Terms => json!({ "type": "array", "items": term, "minItems": 1 }),
        FieldType::List => {
            json!({ "type": "array", "items": { "type": "string" }, "minItems": 1 })
        }
    };
    json!({
        "oneOf": [value, { "type": "null" }],
        "description": format!("{} (a field of this site's own, of type {})", field.label, field.ty.name()),
    })
}
