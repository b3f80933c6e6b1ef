package org.clipsynergy.backbone.mini;

import java.nio.file.Path;
import org.clipsynergy.ProjectLayout;

/**
 * The entry point of a child JVM that trains one zoo member: {@code ZooWorker <recipe.json>
 * <member>}. Progress goes to standard output as {@code zoo-progress <member> <done> <total>} lines
 * for the parent's progress bar; the log goes to standard error.
 */
public final class ZooWorker {

    private ZooWorker() {}

    /**
     * Trains the named member of a recipe file into the project's backbones folder.
     *
     * @param args the recipe file (JSON of a {@link ZooRecipe}) and the member's name
     * @throws Exception if training fails (the JVM then exits non-zero)
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException(
                    "usage: ZooWorker <recipe.json> <member>, got " + args.length + " arguments");
        }
        String member = args[1];
        try {
            ZooRecipe recipe = MiniBackbone.readJson(Path.of(args[0]), ZooRecipe.class);
            int every = 5;
            MiniZoo.trainMember(
                    ProjectLayout.discover(),
                    recipe,
                    member,
                    (done, total) -> {
                        if (done % every == 0 || done == total) {
                            System.out.println(
                                    MiniZoo.PROGRESS_PREFIX + member + " " + done + " " + total);
                            System.out.flush();
                        }
                    });
        } catch (Exception e) {
            // One line for the user (the parent says which member failed); the trace only when
            // asked for with -Dclipsynergy.trace=true.
            System.err.println(
                    "clip-synergy: zoo member "
                            + member
                            + ": "
                            + (e.getMessage() == null
                                    ? e.getClass().getSimpleName()
                                    : e.getMessage()));
            if (Boolean.getBoolean("clipsynergy.trace")) {
                e.printStackTrace();
            }
            System.exit(1);
        }
    }
}
