//! Spec §11.5: the command lines of kubectl's `Complete` and `Validate` tests.

use super::*;

#[test]
fn the_spec_11_5_complete_and_validate_command_lines_parse_as_kubectl_parses_them() {
    let cases: Vec<(&str, &str, DebugOptions)> = vec![
        ("no targets", "--image=image", opts(|o| o.image = "image".into())),
        (
            "invalid image name is left for Validate",
            "--image=image:label@deadbeef mypod",
            opts(|o| {
                o.image = "image:label@deadbeef".into();
                o.targets = strings(&["mypod"]);
            }),
        ),
        (
            "invalid pull policy is left for Validate",
            "--image=image --image-pull-policy=whenever-you-feel-like-it",
            opts(|o| {
                o.image = "image".into();
                o.image_pull_policy = "whenever-you-feel-like-it".into();
            }),
        ),
        (
            "tty without stdin",
            "--image=image --tty",
            opts(|o| {
                o.image = "image".into();
                o.tty = true;
            }),
        ),
        (
            "set image pull policy",
            "--image=busybox --image-pull-policy=Always mypod",
            opts(|o| {
                o.image = "busybox".into();
                o.image_pull_policy = "Always".into();
                o.targets = strings(&["mypod"]);
            }),
        ),
        (
            "multiple targets",
            "--image=busybox mypod1 mypod2",
            opts(|o| {
                o.image = "busybox".into();
                o.targets = strings(&["mypod1", "mypod2"]);
            }),
        ),
        (
            "arguments with dash",
            "--image=busybox mypod1 mypod2 -- echo 1 2",
            opts(|o| {
                o.image = "busybox".into();
                o.targets = strings(&["mypod1", "mypod2"]);
                o.args = strings(&["echo", "1", "2"]);
            }),
        ),
        (
            "interactive no attach",
            "-ti --image=busybox --attach=false mypod",
            opts(|o| {
                o.stdin = true;
                o.tty = true;
                o.attach = Some(false);
                o.image = "busybox".into();
                o.targets = strings(&["mypod"]);
            }),
        ),
        (
            "set environment variables",
            "--image=busybox --env=FOO=BAR mypod",
            opts(|o| {
                o.image = "busybox".into();
                o.env = pairs(&[("FOO", "BAR")]);
                o.targets = strings(&["mypod"]);
            }),
        ),
        (
            "ephemeral container: interactive session minimal args",
            "mypod -it --image=busybox",
            opts(|o| {
                o.targets = strings(&["mypod"]);
                o.stdin = true;
                o.tty = true;
                o.image = "busybox".into();
            }),
        ),
        (
            "ephemeral container: non-interactive debugger with image and name",
            "--image=myproj/debug-tools --image-pull-policy=Always -c debugger mypod",
            opts(|o| {
                o.image = "myproj/debug-tools".into();
                o.image_pull_policy = "Always".into();
                o.container = "debugger".into();
                o.targets = strings(&["mypod"]);
            }),
        ),
        ("ephemeral container: no image specified", "mypod", opts(|o| o.targets = strings(&["mypod"]))),
        (
            "ephemeral container: no image but args",
            "mypod -- echo 1 2",
            opts(|o| {
                o.targets = strings(&["mypod"]);
                o.args = strings(&["echo", "1", "2"]);
            }),
        ),
        (
            "ephemeral container: replace not allowed",
            "--replace --image=busybox mypod",
            opts(|o| {
                o.replace = true;
                o.image = "busybox".into();
                o.targets = strings(&["mypod"]);
            }),
        ),
        (
            "ephemeral container: same-node not allowed",
            "--same-node --image=busybox mypod",
            opts(|o| {
                o.same_node = true;
                o.image = "busybox".into();
                o.targets = strings(&["mypod"]);
            }),
        ),
        (
            "ephemeral container: incompatible with --set-image",
            "--set-image=*=busybox mypod",
            opts(|o| {
                o.set_image = pairs(&[("*", "busybox")]);
                o.targets = strings(&["mypod"]);
            }),
        ),
        (
            "pod copy: interactive debug container minimal args",
            "mypod -it --image=busybox --copy-to=my-debugger",
            opts(|o| {
                o.targets = strings(&["mypod"]);
                o.stdin = true;
                o.tty = true;
                o.image = "busybox".into();
                o.copy_to = "my-debugger".into();
            }),
        ),
        (
            "pod copy: non-interactive with debug container, image name and command",
            "mypod --image=busybox --container=my-container --copy-to=my-debugger -- sleep 1d",
            opts(|o| {
                o.targets = strings(&["mypod"]);
                o.image = "busybox".into();
                o.container = "my-container".into();
                o.copy_to = "my-debugger".into();
                o.args = strings(&["sleep", "1d"]);
            }),
        ),
        (
            "pod copy: explicit attach",
            "mypod --image=busybox --copy-to=my-debugger --attach -- sleep 1d",
            opts(|o| {
                o.targets = strings(&["mypod"]);
                o.image = "busybox".into();
                o.copy_to = "my-debugger".into();
                o.attach = Some(true);
                o.args = strings(&["sleep", "1d"]);
            }),
        ),
        (
            "pod copy: replace single image of existing container",
            "mypod --image=busybox --container=my-container --copy-to=my-debugger",
            opts(|o| {
                o.targets = strings(&["mypod"]);
                o.image = "busybox".into();
                o.container = "my-container".into();
                o.copy_to = "my-debugger".into();
            }),
        ),
        (
            "pod copy: mutate existing container images",
            "mypod --set-image=*=busybox,app=app-debugger --copy-to=my-debugger",
            opts(|o| {
                o.targets = strings(&["mypod"]);
                o.set_image = pairs(&[("*", "busybox"), ("app", "app-debugger")]);
                o.copy_to = "my-debugger".into();
            }),
        ),
        (
            "pod copy: add container and also mutate images",
            "mypod -it --copy-to=my-debugger --image=debian --set-image=app=app:debug,sidecar=sidecar:debug",
            opts(|o| {
                o.targets = strings(&["mypod"]);
                o.stdin = true;
                o.tty = true;
                o.copy_to = "my-debugger".into();
                o.image = "debian".into();
                o.set_image = pairs(&[("app", "app:debug"), ("sidecar", "sidecar:debug")]);
            }),
        ),
        (
            "pod copy: change command",
            "mypod -it --copy-to=my-debugger --container=mycontainer -- sh",
            opts(|o| {
                o.targets = strings(&["mypod"]);
                o.stdin = true;
                o.tty = true;
                o.copy_to = "my-debugger".into();
                o.container = "mycontainer".into();
                o.args = strings(&["sh"]);
            }),
        ),
        (
            "pod copy: change keep options from defaults",
            "mypod -it --image=busybox --copy-to=my-debugger --keep-labels=true --keep-annotations=true --keep-liveness=true --keep-readiness=true --keep-startup=true --keep-init-containers=false",
            opts(|o| {
                o.targets = strings(&["mypod"]);
                o.stdin = true;
                o.tty = true;
                o.image = "busybox".into();
                o.copy_to = "my-debugger".into();
                o.keep_labels = true;
                o.keep_annotations = true;
                o.keep_liveness = true;
                o.keep_readiness = true;
                o.keep_startup = true;
                o.keep_init_containers = false;
            }),
        ),
        (
            "pod copy: --target swallows the next flag as its value",
            "mypod --target --image=busybox --copy-to=my-debugger",
            opts(|o| {
                o.targets = strings(&["mypod"]);
                o.target = "--image=busybox".into();
                o.copy_to = "my-debugger".into();
            }),
        ),
        (
            "pod copy: invalid --set-image is left for Validate",
            "mypod --set-image=*=SUPERGOODIMAGE#1!!!! --copy-to=my-debugger",
            opts(|o| {
                o.targets = strings(&["mypod"]);
                o.set_image = pairs(&[("*", "SUPERGOODIMAGE#1!!!!")]);
                o.copy_to = "my-debugger".into();
            }),
        ),
        (
            "pod copy: attach without a container",
            "mypod --set-image=*=busybox --copy-to=my-debugger --attach",
            opts(|o| {
                o.targets = strings(&["mypod"]);
                o.set_image = pairs(&[("*", "busybox")]);
                o.copy_to = "my-debugger".into();
                o.attach = Some(true);
            }),
        ),
        (
            "node: interactive session minimal args",
            "node/mynode -it --image=busybox",
            opts(|o| {
                o.targets = strings(&["node/mynode"]);
                o.stdin = true;
                o.tty = true;
                o.image = "busybox".into();
            }),
        ),
        (
            "node: --target swallows the image",
            "node/mynode --target --image=busybox",
            opts(|o| {
                o.targets = strings(&["node/mynode"]);
                o.target = "--image=busybox".into();
            }),
        ),
    ];
    for (name, line, want) in cases {
        match parse(line) {
            Ok(got) => assert_eq!(got.options, want, "{name}"),
            Err(err) => assert_eq!(err.message(), "", "{name}"),
        }
    }
}
