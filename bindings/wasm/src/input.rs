//! Reading the options objects JavaScript passes in: every key known, every value of its type,
//! anything else a `TypeError` whose message names the key and what it should have been.

use core::str::FromStr;

use js_sys::{Object, Reflect, TypeError};
use wasm_bindgen::{JsCast as _, JsValue};

/// A thrown `TypeError` with `message`.
pub(crate) fn type_error(message: impl AsRef<str>) -> JsValue {
    TypeError::new(message.as_ref()).into()
}

/// The largest integer a JavaScript number holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// A JavaScript number that is a whole number in `0..=max`, or what is wrong with it.
pub(crate) fn whole_number(value: &JsValue, what: &str, max: u64) -> Result<u64, JsValue> {
    let Some(n) = value.as_f64() else {
        return Err(type_error(format!(
            "{what} must be a number, not {}",
            type_name(value)
        )));
    };
    // `max` is at most u64::MAX; the comparison is in f64 and MAX_SAFE_INTEGER caps it.
    #[allow(clippy::cast_precision_loss)]
    let limit = (max as f64).min(MAX_SAFE_INTEGER);
    if n.fract() != 0.0 || !(0.0..=limit).contains(&n) {
        return Err(type_error(format!(
            "{what} must be a whole number from 0 to {}, not {}",
            number_text(limit),
            number_text(n)
        )));
    }
    // Checked above: whole, non-negative and at most 2^53 - 1.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(n as u64)
}

/// A number as JavaScript writes it (`String(n)`): Rust's float formatting would add 14 KiB
/// to each build for an error message.
fn number_text(n: f64) -> String {
    js_sys::Number::from(n)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default()
}

/// What `typeof` would say, with `null` and arrays told apart.
pub(crate) fn type_name(value: &JsValue) -> String {
    if value.is_null() {
        "null".to_owned()
    } else if js_sys::Array::is_array(value) {
        "an array".to_owned()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

/// An options object whose keys are all in a known list.
pub(crate) struct Fields {
    object: Object,
    what: &'static str,
}

impl Fields {
    /// `value` as the options object `what` (undefined or null reads as `{}`), refusing keys
    /// not in `known`; a near miss in case (`appID`) is named as such.
    pub(crate) fn of(
        value: &JsValue,
        what: &'static str,
        known: &[&str],
    ) -> Result<Fields, JsValue> {
        if value.is_undefined() || value.is_null() {
            return Ok(Fields {
                object: Object::new(),
                what,
            });
        }
        if !value.is_object() || js_sys::Array::is_array(value) || value.is_function() {
            return Err(type_error(format!(
                "{what} must be an object, not {}",
                type_name(value)
            )));
        }
        let object: Object = value.clone().unchecked_into();
        for key in Object::keys(&object).iter() {
            let key = key.as_string().unwrap_or_default();
            if known.contains(&key.as_str()) {
                continue;
            }
            let near = known.iter().find(|k| k.eq_ignore_ascii_case(&key));
            return Err(type_error(match near {
                Some(k) => format!("{what} has no key `{key}`: did you mean `{k}`?"),
                None => format!(
                    "{what} has no key `{key}`; its keys are {}",
                    known
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }));
        }
        Ok(Fields { object, what })
    }

    /// The value at `key`, an own property only (a key set on `Object.prototype` is not the
    /// caller's option); `undefined` when absent. A getter that throws is a `TypeError` naming
    /// the key.
    pub(crate) fn get(&self, key: &str) -> Result<JsValue, JsValue> {
        let name = JsValue::from_str(key);
        if !Object::has_own(&self.object, &name) {
            return Ok(JsValue::UNDEFINED);
        }
        Reflect::get(&self.object, &name).map_err(|_| {
            type_error(format!(
                "{}.{key} could not be read: its getter threw",
                self.what
            ))
        })
    }

    /// Whether `key` holds anything but `undefined` or `null`.
    #[cfg(feature = "build")]
    pub(crate) fn has(&self, key: &str) -> bool {
        self.get(key)
            .is_ok_and(|v| !(v.is_undefined() || v.is_null()))
    }

    /// The string at `key`, if present.
    pub(crate) fn string(&self, key: &str) -> Result<Option<String>, JsValue> {
        let v = self.get(key)?;
        if v.is_undefined() || v.is_null() {
            return Ok(None);
        }
        v.as_string().map(Some).ok_or_else(|| {
            type_error(format!(
                "{}.{key} must be a string, not {}",
                self.what,
                type_name(&v)
            ))
        })
    }

    /// The string at `key`, which must be present.
    pub(crate) fn required_string(&self, key: &str) -> Result<String, JsValue> {
        self.string(key)?
            .ok_or_else(|| type_error(format!("{}.{key} is required (a string)", self.what)))
    }

    /// The whole number at `key` in `0..=max`, if present.
    pub(crate) fn number(&self, key: &str, max: u64) -> Result<Option<u64>, JsValue> {
        let v = self.get(key)?;
        if v.is_undefined() || v.is_null() {
            return Ok(None);
        }
        whole_number(&v, &format!("{}.{key}", self.what), max).map(Some)
    }

    /// The named value at `key` (a platform, a product, a space, a role), read by its `FromStr`,
    /// whose error says which names it takes.
    pub(crate) fn named<T>(&self, key: &str) -> Result<Option<T>, JsValue>
    where
        T: FromStr,
        T::Err: core::fmt::Display,
    {
        match self.string(key)? {
            None => Ok(None),
            Some(s) => s
                .parse::<T>()
                .map(Some)
                .map_err(|e| type_error(format!("{}.{key}: {e}", self.what))),
        }
    }
}
