use super::*;

/// Many `--env`/`--set-image` occurrences (parsed with one merge at the end) give exactly
/// the pairs of merging occurrence by occurrence: first position, last value.
#[test]
fn many_pair_flags_merge_like_map_assignments() {
    let n = 3_000;
    let mut argv = vec!["web".to_string(), "--image=busybox".into()];
    let mut want_env = Vec::new();
    let mut want_images = Vec::new();
    for i in 0..n {
        let (k, v) = (format!("K{}", (i * 7919) % (n / 3)), format!("v{i}"));
        argv.push(format!("--env={k}={v}"));
        upsert_pair(&mut want_env, k, v);
        let (c, img) = (format!("c{}", i % 101), format!("img:{i}"));
        argv.push(format!("--set-image={c}={img},*=star{i}"));
        upsert_pair(&mut want_images, c, img);
        upsert_pair(&mut want_images, "*".into(), format!("star{i}"));
    }
    let parsed = crate::args::parse_args(&argv, KubectlVersion::default(), None);
    let options = parsed.map(|p| p.options).unwrap_or_default();
    assert_eq!(options.env.len(), n / 3);
    assert_eq!(options.env, want_env);
    assert_eq!(options.set_image, want_images);
}
