package org.activelearning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.activelearning.core.ActiveLearningLoop;
import org.activelearning.core.InitialSelection;
import org.activelearning.core.LabelingDesk;
import org.activelearning.core.LabelingSession;
import org.activelearning.core.Pool;
import org.activelearning.core.journal.JournalEntry;
import org.activelearning.core.journal.LabelCodec;
import org.activelearning.core.journal.LabelJournal;
import org.activelearning.core.strategy.QueryStrategies;
import org.activelearning.djl.data.CifarDataset;
import org.activelearning.djl.data.PlanarImage;
import org.activelearning.djl.data.SyntheticImages;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The labeling page in a real browser: Debian's chromium, headless, driven by Selenium through
 * chromedriver ({@code .ci/run} installs both). Missing browsers fail the test with what to
 * install; {@code -DskipBrowserTests=true} skips it, saying so.
 */
class LabelingPageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path dir;

    @Test
    void fiveLabelsAnUndoAndASkipWithTheKeyboardLandInTheJournalLineByLine() throws Exception {
        Assumptions.assumeFalse(Boolean.getBoolean("skipBrowserTests"),
                "skipped on request (-DskipBrowserTests=true): the labeling page was not tested in a browser");
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("this test needs Debian's chromium and chromium-driver: apt-get install chromium "
                        + "chromium-driver (.ci/run does), or run with -DskipBrowserTests=true").isTrue();
        CifarDataset data = SyntheticImages.generate(30, 3);
        Path journalFile = dir.resolve("journal.jsonl");
        try (LabelJournal<Integer> journal = LabelJournal.open(journalFile, LabelCodec.integers())) {
            LabelingSession<PlanarImage, Integer> session = ActiveLearningLoop
                    .builder(Pool.range(0, data.size(), id -> data.image((int) id)),
                            new ConsoleOracleTest.FixedImageLearner())
                    .setStrategy(QueryStrategies.leastConfidence()).optInitialSelection(InitialSelection.random(4))
                    .optJournal(journal).buildSession();
            LabelingDesk<PlanarImage, Integer> desk = new LabelingDesk<>(session, 3, 2, Duration.ofMinutes(5),
                    System::nanoTime, null);
            try (LabelingServer server = new LabelingServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    desk, data.classes(), id -> data.image((int) id), id -> null, dir.resolve("curve.png"))) {
                ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,800",
                                "--user-data-dir=" + dir.resolve("profile"));
                ChromeDriverService service = new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
                WebDriver browser = new ChromeDriver(service, options);
                try {
                    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
                    browser.get(server.url("127.0.0.1"));
                    wait.until(d -> d.findElement(By.id("message")).getText().contains("Type your name"));
                    browser.findElement(By.id("annotator")).sendKeys("ana", Keys.TAB);
                    wait.until(d -> d.findElement(By.id("where")).getText().startsWith("Image 1 of 4"));
                    // the image is really shown, large and scaled without smoothing
                    wait.until(d -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                            "const i = document.getElementById('picture'); return i.complete && i.naturalWidth === 32;"));
                    String shot = System.getProperty("labelingPageScreenshot");
                    if (shot != null) {
                        // -DlabelingPageScreenshot=FILE saves what a person sees, for a look at the page
                        java.nio.file.Files.write(Path.of(shot), ((org.openqa.selenium.TakesScreenshot) browser)
                                .getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
                    }
                    Actions keys = new Actions(browser);
                    String[] typed = {"1", "2", "3", "4", "5"};
                    for (int i = 0; i < typed.length; i++) {
                        String before = browser.findElement(By.id("where")).getText();
                        keys.sendKeys(typed[i]).perform();
                        wait.until(d -> !d.findElement(By.id("where")).getText().equals(before));
                    }
                    String afterFive = browser.findElement(By.id("where")).getText();
                    keys.sendKeys(Keys.BACK_SPACE).perform();
                    wait.until(d -> !d.findElement(By.id("where")).getText().equals(afterFive));
                    String afterUndo = browser.findElement(By.id("where")).getText();
                    keys.sendKeys(" ").perform();
                    wait.until(d -> !d.findElement(By.id("where")).getText().equals(afterUndo));
                    // five labels, the fifth undone and then skipped: four stand, and two of round 1's three are left
                    assertThat(browser.findElement(By.id("progress")).getText()).contains("4 labels")
                            .contains("2 of 3 left");
                } finally {
                    browser.quit();
                }
            }
        }
        List<JournalEntry<Integer>> lines = LabelJournal.read(journalFile, LabelCodec.integers()).entries();
        assertThat(lines).extracting(JournalEntry::type).containsExactly(JournalEntry.Type.QUERY,
                JournalEntry.Type.LABEL, JournalEntry.Type.LABEL, JournalEntry.Type.LABEL, JournalEntry.Type.LABEL,
                JournalEntry.Type.QUERY, JournalEntry.Type.LABEL, JournalEntry.Type.UNDO, JournalEntry.Type.SKIP);
        assertThat(lines.subList(1, 5)).extracting(JournalEntry::label).containsExactly(0, 1, 2, 3);
        assertThat(lines.get(6).label()).as("key 5 is the fifth class").isEqualTo(4);
        assertThat(lines.get(7).id()).as("the undo takes back the fifth answer").isEqualTo(lines.get(6).id());
        assertThat(lines.get(8).id()).as("the undone image is skipped").isEqualTo(lines.get(6).id());
        assertThat(lines.get(8).skipReason()).isEqualTo("skipped in the browser");
        assertThat(lines.stream().filter(e -> e.type() == JournalEntry.Type.LABEL || e.type() == JournalEntry.Type.SKIP))
                .hasSize(6).allSatisfy(e -> assertThat(e.annotator()).isEqualTo("ana"));
        assertThat(lines.stream().filter(e -> e.type() == JournalEntry.Type.LABEL))
                .allSatisfy(e -> assertThat(e.seconds()).isPositive());
    }
}
