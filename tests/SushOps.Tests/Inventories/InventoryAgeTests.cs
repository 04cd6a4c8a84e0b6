using SushOps.Inventories;

namespace SushOps.Tests.Inventories;

public class InventoryAgeTests
{
    [Theory]
    [InlineData("90m", 90 * 60)]
    [InlineData("12h", 12 * 3600)]
    [InlineData("7d", 7 * 86400)]
    [InlineData("1.5h", 5400)]
    [InlineData("30s", 30)]
    public void Ages_are_a_number_and_a_unit(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), InventoryAge.TryParse(text));

    [Theory]
    [InlineData("12")]
    [InlineData("h")]
    [InlineData("1 week")]
    [InlineData("-3h")]
    public void Other_text_is_not_an_age(string text) => Assert.Null(InventoryAge.TryParse(text));

    [Theory]
    [InlineData(45, "45 seconds")]
    [InlineData(60, "1 minute")]
    [InlineData(3 * 3600, "3 hours")]
    [InlineData((3 * 3600) + (12 * 60), "3 hours 12 minutes")]
    [InlineData((2 * 86400) + (4 * 3600) + 60, "2 days 4 hours")]
    public void Ages_read_in_their_two_largest_units(int seconds, string text) =>
        Assert.Equal(text, InventoryAge.Describe(TimeSpan.FromSeconds(seconds)));
}
