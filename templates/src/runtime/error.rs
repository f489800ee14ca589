//! [`ODataError`]: the error payload of an OData response (`{"error": {"code", "message", …}}`,
//! OData JSON Format §21), as a service sends it for a failed request, alone or inside a batch.

use serde_json::Value;

/// The `error` object of an OData error response.
#[derive(Debug, Clone, PartialEq)]
pub struct ODataError {
    /// A service-defined code, e.g. `Request_ResourceNotFound` (Graph) or `404` (some servers).
    pub code: String,
    /// A message for people.
    pub message: String,
    /// What the error is about, e.g. a property name.
    pub target: Option<String>,
    /// More errors, e.g. one per invalid property.
    pub details: Vec<ODataErrorDetail>,
    /// Service-specific details (Graph puts `request-id` and `date` here).
    pub inner_error: Option<Value>,
}

/// One entry of [`ODataError::details`].
#[derive(Debug, Clone, PartialEq)]
pub struct ODataErrorDetail {
    /// A service-defined code.
    pub code: String,
    /// A message for people.
    pub message: String,
    /// What the error is about.
    pub target: Option<String>,
}

impl ODataError {
    /// The `error` object of `body`, or `None` when `body` is no OData error payload (a
    /// proxy's HTML page, say). `code` and `message` are required, as the format says.
    pub fn from_body(body: &[u8]) -> Option<ODataError> {
        let payload: Value = serde_json::from_slice(body).ok()?;
        ODataError::from_value(payload.get("error")?)
    }

    /// The error described by `error`, the value of a payload's `error` member.
    pub fn from_value(error: &Value) -> Option<ODataError> {
        let (code, message, target) = parts(error)?;
        let details = match error.get("details") {
            Some(Value::Array(details)) => details
                .iter()
                .map(|detail| {
                    let (code, message, target) = parts(detail)?;
                    Some(ODataErrorDetail {
                        code,
                        message,
                        target,
                    })
                })
                .collect::<Option<Vec<_>>>()?,
            Some(Value::Null) | None => Vec::new(),
            Some(_) => return None,
        };
        Some(ODataError {
            code,
            message,
            target,
            details,
            inner_error: error.get("innererror").cloned(),
        })
    }
}

/// `code`, `message` and `target` of an error or detail object.
fn parts(object: &Value) -> Option<(String, String, Option<String>)> {
    let text = |name: &str| object.get(name)?.as_str().map(str::to_owned);
    let target = match object.get("target") {
        Some(Value::String(target)) => Some(target.clone()),
        Some(Value::Null) | None => None,
        Some(_) => return None,
    };
    Some((text("code")?, text("message")?, target))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_payloads_with_details_and_inner_error() {
        let body = br#"{"error": {"code": "BadRequest", "message": "no", "target": null,
            "details": [{"code": "c", "message": "m", "target": "id"}],
            "innererror": {"request-id": "1"}}}"#;
        let error = ODataError::from_body(body).unwrap();
        assert_eq!(
            (error.code.as_str(), error.message.as_str()),
            ("BadRequest", "no")
        );
        assert_eq!(error.target, None);
        assert_eq!(error.details[0].target.as_deref(), Some("id"));
        assert_eq!(error.inner_error.unwrap()["request-id"], "1");
    }

    #[test]
    fn other_bodies_are_no_odata_errors() {
        for body in [
            &b"<html>Bad gateway</html>"[..],
            br#"{"error": "x"}"#,
            br#"{"error": {"code": 1, "message": "m"}}"#,
            br#"{"error": {"code": "c"}}"#,
            br#"{"error": {"code": "c", "message": "m", "details": {}}}"#,
            br#"{"value": []}"#,
        ] {
            assert_eq!(ODataError::from_body(body), None, "{body:?}");
        }
    }
}
