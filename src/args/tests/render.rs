//! `render_args`.

use super::*;

#[test]
fn render_args_is_short_and_readable() {
    let o = opts(|o| {
        o.targets = strings(&["mypod"]);
        o.stdin = true;
        o.tty = true;
        o.image = "busybox".into();
        o.env = pairs(&[("A", "1"), ("B", "x,y")]);
        o.set_image = pairs(&[("app", "a:1"), ("*", "b")]);
        o.copy_to = "copy".into();
        o.args = strings(&["sh", "-c", "echo hi"]);
    });
    assert_eq!(
        render_args(&o, Some("ops")),
        strings(&[
            "mypod",
            "-n",
            "ops",
            "-it",
            "--image=busybox",
            "--copy-to=copy",
            "--set-image=app=a:1,*=b",
            "--env=A=1",
            "--env=B=x,y",
            "--",
            "sh",
            "-c",
            "echo hi",
        ])
    );
    let awkward = opts(|o| {
        o.targets = strings(&["debug"]);
        o.env = pairs(&[("\"Q", "1"), ("C", "a=b,c")]);
        o.filename = strings(&["", "a,b"]);
    });
    let rendered = render_args(&awkward, None);
    let back = parse_args(&rendered, v(33), None).map(|p| p.options);
    assert_eq!(back, Ok(awkward), "{rendered:?}");
    let only_debug = opts(|o| o.targets = strings(&["debug"]));
    let back = parse_args(&render_args(&only_debug, None), v(33), None).map(|p| p.options);
    assert_eq!(back, Ok(only_debug));
}
