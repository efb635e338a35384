//! `json!`: a [`Value`](crate::Value) from JSON-like syntax, as `serde_json::json!` writes
//! it. Keys are string literals or parenthesised expressions; a value is `null`, an array, an
//! object, or any expression whose type is [`ToValue`](crate::ToValue) (values are taken by
//! reference, as `serde_json::json!` takes them).

/// Build a [`Value`](crate::Value) from JSON-like syntax.
#[macro_export]
macro_rules! json {
    (null) => {
        $crate::Value::Null
    };
    ([ $($tt:tt)* ]) => {
        $crate::Value::Array($crate::__json_items!([] $($tt)*))
    };
    ({ $($tt:tt)* }) => {{
        #[allow(unused_mut)]
        let mut object = $crate::Map::new();
        $crate::__json_members!(object $($tt)*);
        $crate::Value::Object(object)
    }};
    ($e:expr) => {
        $crate::ToValue::to_value(&$e)
    };
}

/// Array items of [`json!`], one per step (`null`, arrays and objects first, as they are
/// not expressions).
#[doc(hidden)]
#[macro_export]
macro_rules! __json_items {
    ([$($done:expr,)*]) => {
        ::std::vec![$($done,)*]
    };
    ([$($done:expr,)*] null $(, $($rest:tt)*)?) => {
        $crate::__json_items!([$($done,)* $crate::Value::Null,] $($($rest)*)?)
    };
    ([$($done:expr,)*] [$($a:tt)*] $(, $($rest:tt)*)?) => {
        $crate::__json_items!([$($done,)* $crate::json!([$($a)*]),] $($($rest)*)?)
    };
    ([$($done:expr,)*] {$($o:tt)*} $(, $($rest:tt)*)?) => {
        $crate::__json_items!([$($done,)* $crate::json!({$($o)*}),] $($($rest)*)?)
    };
    ([$($done:expr,)*] $v:expr $(, $($rest:tt)*)?) => {
        $crate::__json_items!([$($done,)* $crate::ToValue::to_value(&$v),] $($($rest)*)?)
    };
}

/// Object members of [`json!`], one `key: value` per step.
#[doc(hidden)]
#[macro_export]
macro_rules! __json_members {
    ($m:ident) => {};
    ($m:ident $k:tt : null $(, $($rest:tt)*)?) => {
        $m.insert(::std::string::String::from($k), $crate::Value::Null);
        $crate::__json_members!($m $($($rest)*)?);
    };
    ($m:ident $k:tt : [$($a:tt)*] $(, $($rest:tt)*)?) => {
        $m.insert(::std::string::String::from($k), $crate::json!([$($a)*]));
        $crate::__json_members!($m $($($rest)*)?);
    };
    ($m:ident $k:tt : {$($o:tt)*} $(, $($rest:tt)*)?) => {
        $m.insert(::std::string::String::from($k), $crate::json!({$($o)*}));
        $crate::__json_members!($m $($($rest)*)?);
    };
    ($m:ident $k:tt : $v:expr $(, $($rest:tt)*)?) => {
        $m.insert(::std::string::String::from($k), $crate::ToValue::to_value(&$v));
        $crate::__json_members!($m $($($rest)*)?);
    };
}
